package dev.squall.world;

import java.util.SplittableRandom;

/** Derives independent per-example random streams from (seed, world, stream, index). */
final class ExampleRandom {
  private ExampleRandom() {}

  /** SplitMix64 finaliser. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** The random stream of example {@code index} of {@code stream} (a split id or "corpus"). */
  static SplittableRandom forExample(long seed, String world, String stream, long index) {
    long h = mix(seed + 0x9e3779b97f4a7c15L);
    h = mix(h ^ world.hashCode());
    h = mix(h ^ stream.hashCode());
    h = mix(h ^ index);
    return new SplittableRandom(h);
  }
}
