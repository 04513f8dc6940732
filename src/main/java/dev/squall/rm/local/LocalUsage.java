package dev.squall.rm.local;

import dev.squall.rm.Usage;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what a local model processed (requests scored, tokens read, tokens generated), so local
 * and remote models report usage the same way. Counting costs one pass over token-id array
 * lengths per batch. Thread-safe.
 */
final class LocalUsage {
  /** The meter name of in-process inference. */
  static final String METER = "local";

  private final LongAdder requests = new LongAdder();
  private final LongAdder read = new LongAdder();
  private final LongAdder generated = new LongAdder();

  void add(long scored, long tokensRead, long tokensGenerated) {
    requests.add(scored);
    read.add(tokensRead);
    generated.add(tokensGenerated);
  }

  Usage snapshot() {
    return Usage.local(METER, requests.sum(), read.sum(), generated.sum());
  }

  /** The number of tokens in a batch of token-id arrays. */
  static long tokens(List<long[]> ids) {
    long n = 0;
    for (long[] a : ids) {
      n += a.length;
    }
    return n;
  }
}
