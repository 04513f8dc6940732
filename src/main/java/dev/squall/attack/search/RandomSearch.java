package dev.squall.attack.search;

import dev.squall.attack.AttackedText;
import dev.squall.attack.SearchMethod;
import dev.squall.attack.SearchState;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random search: each round draws {@code batch} random chains of 1..{@code maxDepth}
 * transformations from the original and scores them in one batch; stops on success, when the
 * budget is spent, or after {@code rounds}.
 */
public record RandomSearch(int rounds, int batch, int maxDepth) implements SearchMethod {
  public RandomSearch {
    Searches.positive("rounds", rounds);
    Searches.positive("batch", batch);
    Searches.positive("maxDepth", maxDepth);
  }

  @Override
  public String name() {
    return "random";
  }

  @Override
  public void search(SearchState s) {
    for (int round = 0; round < rounds && !s.done(); round++) {
      SplittableRandom rnd = new SplittableRandom(s.seed("random", round));
      List<AttackedText> cands = new ArrayList<>();
      for (int i = 0; i < batch; i++) {
        AttackedText t = s.original();
        int depth = 1 + rnd.nextInt(maxDepth);
        for (int d = 0; d < depth; d++) {
          List<AttackedText> next = s.transformation().transform(t, s.context(), 1, rnd.nextLong());
          if (next.isEmpty()) {
            break;
          }
          t = next.get(0);
        }
        if (!t.unchanged()) {
          cands.add(t);
        }
      }
      s.evaluate(cands);
    }
  }
}
