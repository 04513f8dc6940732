package dev.squall.remote;

import dev.squall.rm.Cost;
import java.util.Objects;

/**
 * Prices of one endpoint per one million tokens ({@code price_input_per_1m}, {@code
 * price_output_per_1m}) in {@code currency} ({@code price_currency}, default {@code USD}), as
 * providers list them. Immutable.
 */
public record Prices(double inputPer1M, double outputPer1M, String currency) {
  /** The currency assumed when a campaign names none. */
  public static final String DEFAULT_CURRENCY = "USD";

  public Prices {
    if (!(inputPer1M >= 0) || !(outputPer1M >= 0) || Double.isInfinite(inputPer1M) || Double.isInfinite(outputPer1M)) {
      throw new IllegalArgumentException("prices must be finite and >= 0, got " + inputPer1M + ", " + outputPer1M);
    }
    Objects.requireNonNull(currency, "currency");
    Cost.requireCurrency(currency);
  }

  /** Prices in {@link #DEFAULT_CURRENCY}. */
  public Prices(double inputPer1M, double outputPer1M) {
    this(inputPer1M, outputPer1M, DEFAULT_CURRENCY);
  }

  /** The amount for these token counts (not rounded). */
  public double cost(long promptTokens, long completionTokens) {
    return (promptTokens * inputPer1M + completionTokens * outputPer1M) / 1_000_000.0;
  }

  /** The cost of these token counts in this currency. */
  public Cost costOf(long promptTokens, long completionTokens) {
    return new Cost(cost(promptTokens, completionTokens), currency);
  }
}
