package dev.squall.attack.constraint;

import dev.squall.attack.AttackContext;
import dev.squall.attack.AttackedText;
import dev.squall.attack.Constraint;

/** Candidate length / original length (in chars) lies in {@code [min, max]}. Stateless. */
public record LengthRatio(double min, double max) implements Constraint {
  public LengthRatio {
    if (!(min >= 0 && max >= min)) {
      throw new IllegalArgumentException("need 0 <= min <= max, was min=" + min + " max=" + max);
    }
  }

  @Override
  public String name() {
    return "length_ratio";
  }

  @Override
  public Check check(AttackedText original, AttackedText candidate, AttackContext ctx) {
    double r = (double) candidate.text().length() / Math.max(1, original.text().length());
    return r >= min && r <= max
        ? Check.ok()
        : Check.reject(String.format(java.util.Locale.ROOT, "length ratio %.2f outside [%s, %s]", r, min, max));
  }
}
