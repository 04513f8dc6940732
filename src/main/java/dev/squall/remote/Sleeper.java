package dev.squall.remote;

import java.time.Duration;

/** Waits between retries; tests pass a fake that records the waits and returns at once. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration d) throws InterruptedException;

  /** {@link Thread#sleep}. */
  Sleeper SYSTEM = d -> Thread.sleep(Math.max(0, d.toMillis()));
}
