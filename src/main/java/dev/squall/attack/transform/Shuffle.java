package dev.squall.attack.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

final class Shuffle {
  private Shuffle() {}

  /** A seeded permutation of {@code items}. */
  static <T> List<T> of(List<T> items, long seed) {
    List<T> out = new ArrayList<>(items);
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = out.size() - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      T t = out.get(i);
      out.set(i, out.get(j));
      out.set(j, t);
    }
    return out;
  }

  static <T> List<T> first(List<T> items, int n) {
    return new ArrayList<>(items.subList(0, Math.min(n, items.size())));
  }
}
