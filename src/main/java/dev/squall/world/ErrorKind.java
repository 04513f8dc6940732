package dev.squall.world;

/** How a rejected response is wrong; each world has its own closed family. */
public sealed interface ErrorKind permits ArithmeticError, ListError {
  /** Lower-case identifier written to the {@code error_kind} field. */
  String id();
}
