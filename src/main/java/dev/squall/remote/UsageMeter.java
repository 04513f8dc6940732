package dev.squall.remote;

import dev.squall.rm.Usage;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Accumulates the usage of one endpoint: successful and failed calls, retries, and the token counts
 * the server reported in its responses' {@code usage}; cost from the endpoint's prices. Thread-safe.
 */
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

  /** The same snapshot as a remote {@link Usage} named {@code meter}, cost in the prices' currency. */
  public Usage usage(String meter) {
    TokenUsage t = snapshot();
    return new Usage(meter, true, t.requests(), t.failedCalls(), t.retries(), t.promptTokens(), t.completionTokens(),
        prices.map(pr -> pr.costOf(t.promptTokens(), t.completionTokens())));
  }
}
