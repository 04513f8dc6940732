package dev.squall.serve;

import java.util.SplittableRandom;

/**
 * Seeded fault injection for {@code squall serve}: each request is faulted with probability {@code
 * rate}; a faulted request gets one kind, drawn uniformly: HTTP 500, HTTP 429 with {@code
 * Retry-After: 0}, a 200 with a malformed JSON body, a dropped connection (closed with no
 * response), and — when {@code latencyMs > 0} — a delay of {@code latencyMs} before a normal
 * answer. The sequence of draws is fixed by the seed (its assignment to concurrent requests
 * follows arrival order). Thread-safe.
 */
public final class FaultInjector {
  /** What happens to one request. */
  public enum Fault {
    NONE,
    ERROR_500,
    TOO_MANY_429,
    MALFORMED_BODY,
    DROP_CONNECTION,
    LATENCY
  }

  private final double rate;
  private final long latencyMs;
  private final SplittableRandom rng;

  public FaultInjector(double rate, long latencyMs, long seed) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("--fault-rate must be in [0, 1], got " + rate);
    }
    if (latencyMs < 0) {
      throw new IllegalArgumentException("--fault-latency-ms must be >= 0, got " + latencyMs);
    }
    this.rate = rate;
    this.latencyMs = latencyMs;
    this.rng = new SplittableRandom(seed);
  }

  public static FaultInjector none() {
    return new FaultInjector(0, 0, 0);
  }

  public long latencyMs() {
    return latencyMs;
  }

  public synchronized Fault next() {
    if (rate == 0 || rng.nextDouble() >= rate) {
      return Fault.NONE;
    }
    int kinds = latencyMs > 0 ? 5 : 4;
    return Fault.values()[1 + rng.nextInt(kinds)];
  }
}
