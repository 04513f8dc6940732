package dev.squall.attack.search;

import dev.squall.attack.SearchMethod;
import dev.squall.attack.SearchState;

/** Transforms the original once into up to {@code candidates} texts and scores them in one batch. */
public record SingleShotSearch(int candidates) implements SearchMethod {
  public SingleShotSearch {
    Searches.positive("candidates", candidates);
  }

  @Override
  public String name() {
    return "single_shot";
  }

  @Override
  public void search(SearchState s) {
    s.evaluate(s.transformation().transform(s.original(), s.context(), candidates, s.seed("single")));
  }
}
