package dev.squall.attack.transform;

import dev.squall.attack.AttackContext;
import dev.squall.attack.AttackedText;
import dev.squall.attack.Transformation;
import java.util.ArrayList;
import java.util.List;

/** Wraps the response in quotation marks (reWordBench "add quotes"). Stateless. */
public record AddQuotes() implements Transformation {
  static final String[][] PAIRS = {{"\"", "\""}, {"“", "”"}, {"'", "'"}, {"\"\"\"", "\"\"\""}, {"«", "»"}};

  @Override
  public String name() {
    return "add_quotes";
  }

  @Override
  public List<AttackedText> transform(AttackedText text, AttackContext ctx, int n, long seed) {
    List<String[]> pairs = Shuffle.first(Shuffle.of(List.of(PAIRS), seed), n);
    List<AttackedText> out = new ArrayList<>();
    for (String[] p : pairs) {
      out.add(text.prepend(name(), p[0]).append(name(), p[1]));
    }
    return out;
  }
}
