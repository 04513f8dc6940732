package dev.squall.attack.constraint;

import dev.squall.attack.AttackContext;
import dev.squall.attack.AttackedText;
import dev.squall.attack.Constraint;

/** Character Levenshtein distance from the original is at most {@code max}. Stateless. */
public record EditDistance(int max) implements Constraint {
  public EditDistance {
    if (max < 0) {
      throw new IllegalArgumentException("max must be >= 0, was " + max);
    }
  }

  @Override
  public String name() {
    return "edit_distance";
  }

  @Override
  public Check check(AttackedText original, AttackedText candidate, AttackContext ctx) {
    int d = AttackedText.levenshtein(original.text(), candidate.text(), max);
    return d <= max ? Check.ok() : Check.reject("edit distance " + (d > max ? "> " + max : d) + " exceeds " + max);
  }
}
