package dev.squall.remote;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Exponential back-off with jitter: attempt {@code k} (1-based) waits {@code min(maxDelay,
 * baseDelay * 2^(k-1))} scaled by a uniform factor in {@code [1 - jitter, 1]}, unless the server
 * sent Retry-After, which is honoured (capped at {@code maxRetryAfter}).
 *
 * @param maxAttempts total attempts including the first (≥ 1)
 * @param baseDelay first back-off
 * @param maxDelay cap on computed back-off
 * @param jitter fraction in [0, 1] of each delay that is randomised
 * @param maxRetryAfter cap on a server's Retry-After
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, double jitter, Duration maxRetryAfter) {
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max_attempts must be >= 1, got " + maxAttempts);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be in [0, 1], got " + jitter);
    }
  }

  public static RetryPolicy defaults() {
    return new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(20), 0.5, Duration.ofSeconds(60));
  }

  /** The wait before attempt {@code attempt + 1} after attempt {@code attempt} failed. */
  public Duration delay(int attempt, Optional<Duration> retryAfter, SplittableRandom rng) {
    if (retryAfter.isPresent()) {
      Duration ra = retryAfter.get();
      return ra.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : ra;
    }
    double base = baseDelay.toNanos() * Math.pow(2, Math.min(30, attempt - 1));
    double capped = Math.min(base, maxDelay.toNanos());
    double factor = 1 - jitter * rng.nextDouble();
    return Duration.ofNanos((long) (capped * factor));
  }
}
