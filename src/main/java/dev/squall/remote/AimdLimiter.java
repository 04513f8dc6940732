package dev.squall.remote;

/**
 * Adaptive concurrency limit (AIMD): each success adds {@code 1/limit} (so about +1 per window of
 * successes), each overload signal (429, timeout) multiplies the limit by {@code decrease}. Callers
 * {@link #acquire()} a permit before a request and {@link #release} it after. Thread-safe.
 */
public final class AimdLimiter {
  private final int min;
  private final int max;
  private final double decrease;
  private double limit;
  private int inFlight;
  private int maxInFlight;

  public AimdLimiter(int initial, int min, int max, double decrease) {
    if (min < 1 || max < min || initial < min || initial > max) {
      throw new IllegalArgumentException(
          "need 1 <= min <= initial <= max, got min=" + min + " initial=" + initial + " max=" + max);
    }
    if (!(decrease > 0 && decrease < 1)) {
      throw new IllegalArgumentException("decrease must be in (0, 1), got " + decrease);
    }
    this.min = min;
    this.max = max;
    this.decrease = decrease;
    this.limit = initial;
  }

  /** Blocks until fewer than {@code floor(limit)} requests are in flight. */
  public synchronized void acquire() throws InterruptedException {
    while (inFlight >= (int) limit) {
      wait();
    }
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
  }

  /** Releases a permit: {@code overload} shrinks the limit, success grows it. */
  public synchronized void release(Outcome outcome) {
    inFlight--;
    switch (outcome) {
      case SUCCESS -> limit = Math.min(max, limit + 1.0 / limit);
      case OVERLOAD -> limit = Math.max(min, limit * decrease);
      case OTHER -> {}
    }
    notifyAll();
  }

  public synchronized double limit() {
    return limit;
  }

  public synchronized int inFlight() {
    return inFlight;
  }

  /** The most requests ever in flight at once through this limiter. */
  public synchronized int maxInFlight() {
    return maxInFlight;
  }

  /** What a finished request tells the limiter. */
  public enum Outcome {
    SUCCESS,
    OVERLOAD,
    OTHER
  }
}
