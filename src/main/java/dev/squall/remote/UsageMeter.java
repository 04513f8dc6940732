package dev.squall.remote;

import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/** Accumulates {@link TokenUsage} for one model. Thread-safe. */
public final class UsageMeter {
  private final Optional<Prices> prices;
  private final LongAdder requests = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder prompt = new LongAdder();
  private final LongAdder completion = new LongAdder();

  public UsageMeter(Optional<Prices> prices) {
    this.prices = prices;
  }

  void success() {
    requests.increment();
  }

  void failure() {
    failed.increment();
  }

  void retry() {
    retries.increment();
  }

  /** Adds a response's {@code usage} counts. */
  public void tokens(long promptTokens, long completionTokens) {
    prompt.add(promptTokens);
    completion.add(completionTokens);
  }

  public TokenUsage snapshot() {
    long p = prompt.sum();
    long c = completion.sum();
    return new TokenUsage(
        requests.sum(), failed.sum(), retries.sum(), p, c, prices.map(pr -> pr.cost(p, c)));
  }
}
