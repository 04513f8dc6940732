package dev.squall.world;

import java.util.SplittableRandom;

/** Draws one problem of a world for a split from a per-example random stream. */
@FunctionalInterface
interface InstanceSource {
  WorldInstance draw(Split split, SplittableRandom rnd);
}
