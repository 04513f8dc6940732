package dev.squall.world;

import java.util.List;

/**
 * One list segment's "new"/"seen" mark in an oracle critique, as character offsets into the
 * critique: the item (the critic decides the mark with the item's last token as its current token),
 * the mark right after it, and the indexes of the earlier segments that named the same item (empty
 * for a new item). Critique SFT can teach the attention lookup behind the mark from these.
 *
 * @param itemStart first character of the item
 * @param itemEnd one past the item's last character
 * @param markStart first character of "new" or "seen"
 * @param earlier indexes (in the critique's mark list) of earlier segments naming the same item
 */
public record SeenMark(int itemStart, int itemEnd, int markStart, List<Integer> earlier) {
  public SeenMark {
    earlier = List.copyOf(earlier);
    if (itemStart < 0 || itemEnd <= itemStart || markStart <= itemEnd) {
      throw new IllegalArgumentException(
          "need 0 <= itemStart < itemEnd < markStart, got " + itemStart + ", " + itemEnd + ", " + markStart);
    }
  }

  /** Whether an earlier segment named this item. */
  public boolean seen() {
    return !earlier.isEmpty();
  }
}
