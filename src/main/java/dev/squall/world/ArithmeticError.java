package dev.squall.world;

import java.util.Locale;

/** The ways a rejected arithmetic answer differs from the truth. */
public enum ArithmeticError implements ErrorKind {
  /** One digit of the true result is one higher or lower. */
  OFF_BY_ONE_DIGIT,
  /** One carry (addition) or borrow (subtraction) was not propagated to the next column. */
  DROPPED_CARRY,
  /** Two adjacent, different digits of the true result are swapped. */
  SWAPPED_DIGITS;

  @Override
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
