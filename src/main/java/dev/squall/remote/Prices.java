package dev.squall.remote;

/**
 * Prices per one million tokens ({@code price_input_per_1m}, {@code price_output_per_1m}).
 */
public record Prices(double inputPer1M, double outputPer1M) {
  public Prices {
    if (!(inputPer1M >= 0) || !(outputPer1M >= 0)) {
      throw new IllegalArgumentException("prices must be >= 0, got " + inputPer1M + ", " + outputPer1M);
    }
  }

  public double cost(long promptTokens, long completionTokens) {
    return (promptTokens * inputPer1M + completionTokens * outputPer1M) / 1_000_000.0;
  }
}
