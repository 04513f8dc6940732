package dev.squall.rm;

import java.util.Objects;

/**
 * Why a reward could not be produced (a remote call that finally failed, an unparseable judge
 * answer). A result carrying an error has no reward ({@code NaN}) and must be counted as an error,
 * never as an attack success or failure.
 *
 * @param kind a short machine-readable kind (e.g. {@code http_503}, {@code timeout}, {@code
 *     circuit_open}, {@code parse})
 * @param message a human-readable message; never contains secrets
 * @param attempts how many attempts were made (0 when none was allowed)
 */
public record ScoringError(String kind, String message, int attempts) {
  public ScoringError {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }
}
