package dev.squall.attack;

/**
 * Explores candidates for one item through a {@link SearchState}, which applies the constraints,
 * serves repeats, scores within the budget and remembers the best candidate. A search stops when
 * {@link SearchState#done()} (goal reached or budget spent) or when it has nothing left to try.
 * Implementations hold only configuration and are thread-safe; randomness comes from {@link
 * SearchState#seed()}.
 */
public interface SearchMethod {
  String name();

  void search(SearchState state);
}
