package dev.squall.train;

import dev.squall.world.SeenMark;
import java.util.List;

/**
 * How well a critic's own "new"/"seen" marks follow the items its critiques name: a "seen" for an
 * item an earlier segment of the same critique named is right, a "seen" for any other item is
 * false, a "new" for an item named before is missed. Judged against the critique's own items, not
 * the response's, so a copying slip does not count as a lookup error. The recipe prints these for
 * the regenerated critiques when the list world writes the seen format; the cloud card's lookup
 * runs are compared on them.
 *
 * @param right "seen" where an earlier segment named the item
 * @param falseSeen "seen" where no earlier segment named it
 * @param missed "new" where an earlier segment named it
 */
public record SeenCounts(int right, int falseSeen, int missed) {
  /** Counts the marks of {@code critiques}, critique i written for a response to {@code prompts[i]}. */
  public static SeenCounts of(OrganismWorld world, List<String> prompts, List<String> critiques) {
    int right = 0;
    int falseSeen = 0;
    int missed = 0;
    for (int i = 0; i < critiques.size(); i++) {
      String c = critiques.get(i);
      for (SeenMark m : world.seenMarks(prompts.get(i), c)) {
        boolean wroteSeen = c.startsWith("seen", m.markStart());
        if (wroteSeen && m.seen()) {
          right++;
        } else if (wroteSeen) {
          falseSeen++;
        } else if (m.seen()) {
          missed++;
        }
      }
    }
    return new SeenCounts(right, falseSeen, missed);
  }
}
