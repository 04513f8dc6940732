package dev.squall.remote;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A fake clock whose sleeper advances it instantly and records the waits. */
final class FakeTime implements Sleeper {
  final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void sleep(Duration d) {
    sleeps.add(d);
    nanos.addAndGet(d.toNanos());
  }

  long now() {
    return nanos.get();
  }

  void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }
}
