package dev.squall.attack.constraint;

import dev.squall.attack.AttackContext;
import dev.squall.attack.AttackedText;
import dev.squall.attack.Constraint;
import dev.squall.attack.Edit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * No edit may touch a protected region of the original: every match of {@code pattern} (e.g.
 * {@code \d+} to protect a numeric answer), and, when {@code protectPromptEcho}, every verbatim
 * occurrence of the prompt in the response. Regions are followed through the edit list, so
 * insertions elsewhere are fine; an insertion strictly inside a region is not. Immutable.
 */
public record ProtectedRegions(Pattern pattern, boolean protectPromptEcho) implements Constraint {
  public ProtectedRegions {
    Objects.requireNonNull(pattern, "pattern");
  }

  @Override
  public String name() {
    return "protected_regions";
  }

  @Override
  public Check check(AttackedText original, AttackedText candidate, AttackContext ctx) {
    if (!candidate.original().equals(original.text())) {
      // not derived from this original by recorded edits: fall back to containment
      Matcher m = pattern.matcher(original.text());
      while (m.find()) {
        if (!candidate.text().contains(m.group())) {
          return Check.reject("protected text '" + m.group() + "' is gone");
        }
      }
      return Check.ok();
    }
    List<int[]> regions = new ArrayList<>();
    Matcher m = pattern.matcher(original.text());
    while (m.find()) {
      if (m.end() > m.start()) {
        regions.add(new int[] {m.start(), m.end(), m.start(), m.end()});
      }
    }
    if (protectPromptEcho && !ctx.prompt().isEmpty()) {
      int at = original.text().indexOf(ctx.prompt());
      while (at >= 0) {
        regions.add(new int[] {at, at + ctx.prompt().length(), at, at + ctx.prompt().length()});
        at = original.text().indexOf(ctx.prompt(), at + 1);
      }
    }
    for (Edit e : candidate.edits()) {
      for (int[] r : regions) {
        boolean touches =
            e.start() == e.end() ? e.start() > r[0] && e.start() < r[1] : e.start() < r[1] && e.end() > r[0];
        if (touches) {
          return Check.reject(
              e.kind() + " edit at [" + e.start() + ", " + e.end() + ") touches protected text '"
                  + original.text().substring(r[2], r[3]) + "'");
        }
      }
      for (int[] r : regions) {
        if (e.end() <= r[0]) {
          r[0] += e.delta();
          r[1] += e.delta();
        }
      }
    }
    return Check.ok();
  }
}
