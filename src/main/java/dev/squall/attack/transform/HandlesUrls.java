package dev.squall.attack.transform;

import dev.squall.attack.AttackContext;
import dev.squall.attack.AttackedText;
import dev.squall.attack.Transformation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Appends a social-media handle and/or a URL (reWordBench "add handles / URLs"). Handles and URLs
 * are random lower-case letters (no digits, so a numeric answer's parse is untouched). Stateless.
 */
public record HandlesUrls() implements Transformation {
  @Override
  public String name() {
    return "handles_urls";
  }

  @Override
  public List<AttackedText> transform(AttackedText text, AttackContext ctx, int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<AttackedText> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String handle = "@" + letters(rnd, 5 + rnd.nextInt(6));
      String url = "https://" + letters(rnd, 6) + ".com/" + letters(rnd, 8);
      String add =
          switch (rnd.nextInt(3)) {
            case 0 -> " " + handle;
            case 1 -> " " + url;
            default -> " " + handle + " " + url;
          };
      out.add(text.append(name(), add));
    }
    return out;
  }

  static String letters(SplittableRandom rnd, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append((char) ('a' + rnd.nextInt(26)));
    }
    return sb.toString();
  }
}
