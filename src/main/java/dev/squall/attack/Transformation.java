package dev.squall.attack;

import java.util.List;

/**
 * Produces candidate texts from a text under attack. Open extension point: custom
 * transformations implement this (or {@link WordTransformation} for word-level edits, which
 * greedy word-importance search can aim). Implementations must be deterministic given {@code
 * seed} and should be stateless (then they are thread-safe).
 */
public interface Transformation {
  /** Short stable name, also the {@link Edit#kind()} of the edits it makes. */
  String name();

  /**
   * Up to {@code n} candidates derived from {@code text} (fewer when the transformation has fewer
   * distinct outputs); each candidate extends {@code text}'s edit list. Same arguments, same list.
   */
  List<AttackedText> transform(AttackedText text, AttackContext context, int n, long seed);
}
