package dev.squall.remote;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Opens after {@code threshold} consecutive failures; while open, calls fail fast. After {@code
 * coolDown} one probe is let through (half-open): its success closes the circuit, its failure
 * re-opens it for another cool-down. Thread-safe.
 */
public final class CircuitBreaker {
  /** The breaker's states. */
  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final int threshold;
  private final long coolDownNanos;
  private final LongSupplier nanoTime;
  private State state = State.CLOSED;
  private int consecutiveFailures;
  private long openedAt;
  private boolean probeInFlight;

  public CircuitBreaker(int threshold, Duration coolDown, LongSupplier nanoTime) {
    if (threshold < 1) {
      throw new IllegalArgumentException("breaker_failures must be >= 1, got " + threshold);
    }
    this.threshold = threshold;
    this.coolDownNanos = coolDown.toNanos();
    this.nanoTime = nanoTime;
  }

  /** True when a call may proceed now (claims the single half-open probe when due). */
  public synchronized boolean tryAcquire() {
    switch (state) {
      case CLOSED:
        return true;
      case OPEN:
        if (nanoTime.getAsLong() - openedAt >= coolDownNanos) {
          state = State.HALF_OPEN;
          probeInFlight = true;
          return true;
        }
        return false;
      default:
        if (!probeInFlight) {
          probeInFlight = true;
          return true;
        }
        return false;
    }
  }

  public synchronized void onSuccess() {
    consecutiveFailures = 0;
    probeInFlight = false;
    state = State.CLOSED;
  }

  /** Records a failure that says the server is unhealthy (retriable failures). */
  public synchronized void onFailure() {
    consecutiveFailures++;
    probeInFlight = false;
    if (state == State.HALF_OPEN || consecutiveFailures >= threshold) {
      state = State.OPEN;
      openedAt = nanoTime.getAsLong();
    }
  }

  /** Releases a half-open probe whose outcome says nothing about health (e.g. a 400). */
  public synchronized void onNeutral() {
    if (state == State.HALF_OPEN) {
      probeInFlight = false;
    }
  }

  /** Time until an open circuit lets a probe through (zero when not open). */
  public synchronized Duration remainingCoolDown() {
    if (state != State.OPEN) {
      return Duration.ZERO;
    }
    return Duration.ofNanos(Math.max(0, coolDownNanos - (nanoTime.getAsLong() - openedAt)));
  }

  public synchronized State state() {
    if (state == State.OPEN && nanoTime.getAsLong() - openedAt >= coolDownNanos) {
      return State.HALF_OPEN;
    }
    return state;
  }
}
