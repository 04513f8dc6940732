package dev.squall.rm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Deltas, totals and the rule for when a model's cost is complete. */
class UsageTest {
  static Usage remote(String meter, long p, long c, Double cost, String currency) {
    return new Usage(meter, true, 3, 1, 2, p, c, cost == null ? Optional.empty() : Optional.of(new Cost(cost, currency)));
  }

  @Test
  void minusGivesTheGrowthSinceASnapshot() {
    Usage a = remote("chat", 100, 40, 0.5, "USD");
    Usage b = new Usage("chat", true, 7, 2, 5, 250, 90, Optional.of(new Cost(1.25, "USD")));
    Usage d = b.minus(a);
    assertEquals(new Usage("chat", true, 4, 1, 3, 150, 50, Optional.of(new Cost(0.75, "USD"))), d);
    assertTrue(a.minus(a).isZero());
    assertThrows(IllegalArgumentException.class, () -> b.minus(remote("score", 0, 0, null, null)));
    assertEquals(Optional.of(new Cost(0, "USD")), a.zero().cost());
    assertTrue(a.zero().isZero());
  }

  @Test
  void totalHasACostOnlyWhenEveryMeterThatUsedTokensIsPricedInOneCurrency() {
    Usage chat = remote("critiques", 1000, 500, 0.002, "USD");
    Usage head = remote("reward:score", 0, 0, null, null); // a score endpoint that reports no tokens
    Usage t = Usage.total("total", List.of(chat, head));
    assertEquals(1000, t.promptTokens());
    assertEquals(1500, t.totalTokens());
    assertEquals(6, t.requests());
    assertEquals(new Cost(0.002, "USD"), t.cost().orElseThrow());

    Usage unpricedWithTokens = remote("reward:score", 10, 0, null, null);
    assertFalse(Usage.total("total", List.of(chat, unpricedWithTokens)).cost().isPresent(), "partial cost is not a cost");
    Usage euros = remote("reward:score", 10, 0, 0.1, "EUR");
    assertFalse(Usage.total("total", List.of(chat, euros)).cost().isPresent(), "currencies do not add");
    Usage local = Usage.local("local", 4, 80, 20);
    assertFalse(Usage.total("total", List.of(local)).cost().isPresent());
    assertFalse(Usage.total("total", List.of(local)).remote());
    assertTrue(Usage.total("total", List.of(chat, local)).remote());
  }

  @Test
  void valuesAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> Usage.local("local", -1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new Cost(-0.1, "USD"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Cost(1, "<b>US$</b>"));
    assertTrue(e.getMessage().contains("<b>US$</b>") && e.getMessage().contains("letters"), e.getMessage());
  }
}
