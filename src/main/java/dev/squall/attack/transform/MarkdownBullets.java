package dev.squall.attack.transform;

import dev.squall.attack.AttackContext;
import dev.squall.attack.AttackedText;
import dev.squall.attack.Transformation;
import java.util.ArrayList;
import java.util.List;

/**
 * Reformats the response as markdown (RM-Bench / Singhal et al. style bias): sentences as "- " or
 * "* " bullets, optionally under a heading, or the whole response under a bold lead-in. The
 * sentences' text is kept in order. Stateless.
 */
public record MarkdownBullets() implements Transformation {
  @Override
  public String name() {
    return "markdown_bullets";
  }

  /** Sentences of {@code s}: split after . ! ? followed by whitespace. */
  public static List<String> sentences(String s) {
    List<String> out = new ArrayList<>();
    for (String p : s.strip().split("(?<=[.!?])\\s+")) {
      if (!p.isBlank()) {
        out.add(p.strip());
      }
    }
    return out;
  }

  @Override
  public List<AttackedText> transform(AttackedText text, AttackContext ctx, int n, long seed) {
    List<String> sent = sentences(text.text());
    List<String> forms = new ArrayList<>();
    for (String[] f : new String[][] {{"", "- "}, {"## Answer\n\n", "- "}, {"**Summary**\n\n", "* "}}) {
      StringBuilder sb = new StringBuilder(f[0]);
      for (int i = 0; i < sent.size(); i++) {
        sb.append(i > 0 ? "\n" : "").append(f[1]).append(sent.get(i));
      }
      forms.add(sb.toString());
    }
    forms.add("**Answer:** " + text.text().strip());
    List<AttackedText> out = new ArrayList<>();
    for (String f : Shuffle.first(Shuffle.of(forms, seed), n)) {
      AttackedText t = text.rewrite(name(), f);
      if (!t.text().equals(text.text())) {
        out.add(t);
      }
    }
    return out;
  }
}
