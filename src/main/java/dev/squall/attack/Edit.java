package dev.squall.attack;

import java.util.Objects;

/**
 * One edit applied to a text under attack: the characters {@code [start, end)} of the text as it
 * was just before this edit (after all earlier edits) were {@code before} and became {@code
 * after}.
 *
 * @param kind what made the edit (a transformation name such as {@code homoglyphs})
 * @param start start offset in the pre-edit text, inclusive
 * @param end end offset in the pre-edit text, exclusive
 * @param before the replaced characters, {@code text.substring(start, end)}
 * @param after the replacement
 */
public record Edit(String kind, int start, int end, String before, String after) {
  public Edit {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    if (start < 0 || end < start || end - start != before.length()) {
      throw new IllegalArgumentException(
          "edit span [" + start + ", " + end + ") does not match before of length " + before.length());
    }
  }

  /** Change in text length caused by this edit. */
  public int delta() {
    return after.length() - before.length();
  }
}
