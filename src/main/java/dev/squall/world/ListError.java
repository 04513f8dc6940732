package dev.squall.world;

import java.util.Locale;

/** The ways a rejected list answer violates the instruction. */
public enum ListError implements ErrorKind {
  /** One item fewer than asked; all items valid and distinct. */
  TOO_FEW,
  /** One item more than asked; all items valid and distinct. */
  TOO_MANY,
  /** One item has the right kind but starts with another letter. */
  WRONG_LETTER,
  /** One item starts with the right letter but is of another kind. */
  WRONG_KIND,
  /** One item repeats an earlier one, so there are fewer distinct items than asked. */
  DUPLICATE;

  @Override
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
