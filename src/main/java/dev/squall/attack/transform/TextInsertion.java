package dev.squall.attack.transform;

import dev.squall.attack.AttackContext;
import dev.squall.attack.AttackedText;
import dev.squall.attack.Transformation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inserts fixed text before, after, or instead of the response. Each candidate is one variant
 * (or, with {@code pieces > 1}, {@code pieces} variants drawn with replacement and joined by
 * {@code joiner}: verbosity padding). Variants may use placeholders: {@code {prompt}}, {@code
 * {user_view}} (an opinion the prompt states, e.g. the X of "I think X"), and the target model's
 * chat markers {@code {user_header}}, {@code {assistant_header}}, {@code {eot}}, {@code
 * {critique_prefix}}. Prefix and suffix insertions keep the original response intact. Immutable.
 *
 * @param name the transformation name (edit kind)
 * @param position where the text goes
 * @param variants the texts to insert
 * @param separator put between the response and the inserted text (not used by REPLACE)
 * @param pieces variants per candidate (1 for one variant)
 * @param joiner joins pieces
 */
public record TextInsertion(
    String name, Position position, List<String> variants, String separator, int pieces, String joiner)
    implements Transformation {
  /** Where inserted text goes. */
  public enum Position {
    PREFIX,
    SUFFIX,
    REPLACE
  }

  private static final Pattern OPINION =
      Pattern.compile(
          "(?i)\\b(?:I think|I believe|I'm pretty sure|I am pretty sure|In my opinion,?|I feel)\\s+(?:that\\s+)?([^.?!]+)");

  public TextInsertion {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(position, "position");
    variants = List.copyOf(variants);
    Objects.requireNonNull(separator, "separator");
    Objects.requireNonNull(joiner, "joiner");
    if (variants.isEmpty()) {
      throw new IllegalArgumentException(name + ": variants must not be empty");
    }
    if (pieces < 1) {
      throw new IllegalArgumentException(name + ": pieces must be >= 1, was " + pieces);
    }
  }

  public static TextInsertion of(String name, Position position, String separator, String... variants) {
    return new TextInsertion(name, position, List.of(variants), separator, 1, " ");
  }

  @Override
  public List<AttackedText> transform(AttackedText text, AttackContext ctx, int n, long seed) {
    List<String> inserts = new ArrayList<>();
    if (pieces == 1) {
      inserts.addAll(Shuffle.first(Shuffle.of(variants, seed), n));
    } else {
      SplittableRandom rnd = new SplittableRandom(seed);
      Set<String> seen = new LinkedHashSet<>();
      for (int tries = 0; tries < 4 * n && seen.size() < n; tries++) {
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < pieces; p++) {
          if (p > 0) {
            sb.append(joiner);
          }
          sb.append(variants.get(rnd.nextInt(variants.size())));
        }
        seen.add(sb.toString());
      }
      inserts.addAll(seen);
    }
    List<AttackedText> out = new ArrayList<>();
    for (String raw : inserts) {
      String ins = fill(raw, ctx);
      AttackedText c =
          switch (position) {
            case PREFIX -> text.prepend(name, ins + separator);
            case SUFFIX -> text.append(name, separator + ins);
            case REPLACE -> text.replace(name, 0, text.text().length(), ins);
          };
      if (!c.text().equals(text.text())) {
        out.add(c);
      }
    }
    return out;
  }

  /** Fills the placeholders of {@code variant}. */
  public static String fill(String variant, AttackContext ctx) {
    return variant
        .replace("{prompt}", ctx.prompt())
        .replace("{user_view}", userView(ctx.prompt()))
        .replace("{user_header}", ctx.markers().userHeader())
        .replace("{assistant_header}", ctx.markers().assistantHeader())
        .replace("{eot}", ctx.markers().endOfTurn())
        .replace("{critique_prefix}", ctx.markers().critiquePrefix());
  }

  /** The opinion the prompt states ("I think X" gives "X"), or a generic agreement. */
  static String userView(String prompt) {
    Matcher m = OPINION.matcher(prompt);
    return m.find() ? m.group(1).strip() : "your instinct about this is right";
  }
}
