package dev.squall.remote;

import dev.squall.rm.ScoringError;
import java.util.Objects;

/** The outcome of one remote call after retries: a value or the final error. */
public sealed interface CallResult<T> {
  /** A call that succeeded. */
  record Ok<T>(T value) implements CallResult<T> {
    public Ok {
      Objects.requireNonNull(value, "value");
    }
  }

  /** A call that finally failed. */
  record Failed<T>(ScoringError error) implements CallResult<T> {
    public Failed {
      Objects.requireNonNull(error, "error");
    }
  }
}
