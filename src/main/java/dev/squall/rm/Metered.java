package dev.squall.rm;

import java.util.List;

/**
 * A model that reports what it has consumed since it was opened: one {@link Usage} per meter (each
 * remote endpoint it calls, or its local engine), always the same meters in the same order, with
 * counts that only grow. The campaign runner records the growth after every batch, so a killed run
 * keeps what it used and a resumed run adds to it. Implementations must allow {@link #meters()}
 * from any thread.
 */
public interface Metered {
  /** A snapshot of every meter, in a fixed order. */
  List<Usage> meters();
}
