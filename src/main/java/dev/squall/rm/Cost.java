package dev.squall.rm;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount of money spent on model calls, in the currency the prices were configured in (e.g.
 * {@code USD}); computed as prompt tokens × input price + completion tokens × output price, prices
 * per one million tokens. Immutable.
 *
 * @param amount the amount, ≥ 0
 * @param currency a short code such as {@code USD} or {@code EUR}: 1–16 letters, digits, '_' or '-'
 */
public record Cost(double amount, String currency) {
  private static final Pattern CURRENCY = Pattern.compile("[A-Za-z0-9_-]{1,16}");

  public Cost {
    if (!(amount >= 0) || Double.isInfinite(amount)) {
      throw new IllegalArgumentException("cost amount must be finite and >= 0, got " + amount);
    }
    Objects.requireNonNull(currency, "currency");
    requireCurrency(currency);
  }

  /**
   * Checks a currency code.
   *
   * @throws IllegalArgumentException naming the value and what is allowed
   */
  public static String requireCurrency(String currency) {
    if (currency == null || !CURRENCY.matcher(currency).matches()) {
      throw new IllegalArgumentException(
          "currency must be 1-16 letters, digits, '_' or '-' (e.g. USD), got '" + currency + "'");
    }
    return currency;
  }
}
