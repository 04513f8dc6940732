package dev.squall.rm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one <em>meter</em> of a reward model consumed: one remote endpoint (its requests, retries and
 * the token counts its responses reported in {@code usage}), or the local engine (the tokens it
 * read and generated). Tokens are what the model processed for uncached calls only: the campaign's
 * call cache answers repeats without reaching the model. Immutable.
 *
 * @param meter what was metered, e.g. {@code chat}, {@code score}, {@code critiques}, {@code
 *     reward}, {@code local}
 * @param remote whether the meter counts HTTP calls to a server (else: in-process inference)
 * @param requests calls that succeeded (remote) or requests scored (local)
 * @param failedCalls calls that finally failed after retries (always 0 for local models)
 * @param retries extra attempts made (always 0 for local models)
 * @param promptTokens input tokens: the servers' {@code usage.prompt_tokens}, or the tokens a local
 *     model read (critique prompts and reward forward passes)
 * @param completionTokens generated tokens: {@code usage.completion_tokens}, or critique tokens a
 *     local model generated
 * @param cost what the tokens cost, when prices are configured for the meter
 */
public record Usage(
    String meter, boolean remote, long requests, long failedCalls, long retries, long promptTokens,
    long completionTokens, Optional<Cost> cost) {

  public Usage {
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(cost, "cost");
    if (requests < 0 || failedCalls < 0 || retries < 0 || promptTokens < 0 || completionTokens < 0) {
      throw new IllegalArgumentException("usage counts must be >= 0, got requests=" + requests + " failedCalls="
          + failedCalls + " retries=" + retries + " promptTokens=" + promptTokens + " completionTokens=" + completionTokens);
    }
  }

  /** Usage of in-process inference: no failures, retries or cost. */
  public static Usage local(String meter, long requests, long promptTokens, long completionTokens) {
    return new Usage(meter, false, requests, 0, 0, promptTokens, completionTokens, Optional.empty());
  }

  /** Nothing consumed yet, for a meter of this kind. */
  public Usage zero() {
    return new Usage(meter, remote, 0, 0, 0, 0, 0, cost.map(c -> new Cost(0, c.currency())));
  }

  /** The same counts under another meter name (e.g. a reward head's meter inside a composed model). */
  public Usage withMeter(String name) {
    return new Usage(name, remote, requests, failedCalls, retries, promptTokens, completionTokens, cost);
  }

  public long totalTokens() {
    return promptTokens + completionTokens;
  }

  /** True when nothing at all was consumed. */
  public boolean isZero() {
    return requests == 0 && failedCalls == 0 && retries == 0 && promptTokens == 0 && completionTokens == 0;
  }

  /**
   * What was consumed since {@code earlier} (a snapshot of the same meter): counts subtracted, cost
   * too (clamped at 0 against rounding).
   */
  public Usage minus(Usage earlier) {
    if (!earlier.meter.equals(meter)) {
      throw new IllegalArgumentException("cannot subtract meter " + earlier.meter + " from " + meter);
    }
    Optional<Cost> c = cost.map(x -> new Cost(
        Math.max(0, x.amount() - earlier.cost.filter(e -> e.currency().equals(x.currency())).map(Cost::amount).orElse(0.0)),
        x.currency()));
    return new Usage(meter, remote, requests - earlier.requests, failedCalls - earlier.failedCalls, retries - earlier.retries,
        promptTokens - earlier.promptTokens, completionTokens - earlier.completionTokens, c);
  }

  /**
   * The meters of one model added up under the name {@code meter}. The cost is present only when it
   * is complete: every meter that processed tokens has a cost, in one currency (meters that processed
   * no tokens are ignored), and at least one meter has a cost. Remote when any meter is.
   */
  public static Usage total(String meter, List<Usage> meters) {
    long req = 0;
    long failed = 0;
    long retries = 0;
    long prompt = 0;
    long completion = 0;
    boolean remote = false;
    boolean complete = true;
    String currency = null;
    double amount = 0;
    for (Usage u : meters) {
      req += u.requests;
      failed += u.failedCalls;
      retries += u.retries;
      prompt += u.promptTokens;
      completion += u.completionTokens;
      remote |= u.remote;
      if (u.cost.isPresent()) {
        Cost c = u.cost.get();
        if (currency != null && !currency.equals(c.currency())) {
          complete = false;
        }
        currency = currency == null ? c.currency() : currency;
        amount += c.amount();
      } else if (u.totalTokens() > 0) {
        complete = false;
      }
    }
    Optional<Cost> cost = complete && currency != null ? Optional.of(new Cost(amount, currency)) : Optional.empty();
    return new Usage(meter, remote, req, failed, retries, prompt, completion, cost);
  }
}
