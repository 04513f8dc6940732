package dev.squall.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class UniversalSuffixSearchTest {
  @Test
  void findsTheUniversalWordGeneralisesAndTransfers() {
    Vocabulary voc = Fixtures.vocab(30, "zephyr", 17);
    FakeRewardModel target =
        FakeRewardModel.classic("t", (p, r) -> Fixtures.gold(Fixtures.ARITH, p, r) + (r.contains("zephyr") ? 2 : 0));
    FakeRewardModel other = FakeRewardModel.classic("o", (p, r) -> r.contains("zephyr") ? 0.5 : 0);
    FakeRewardModel immune = FakeRewardModel.classic("i", (p, r) -> Fixtures.gold(Fixtures.ARITH, p, r));
    List<AttackItem> items = Fixtures.items(Fixtures.ARITH, 10, 13);
    UniversalSuffixSearch s = new UniversalSuffixSearch(2, 30, 100);
    UniversalSuffixSearch.Result r =
        s.search(items.subList(0, 3), items.subList(3, 10), target, List.of(other, immune), voc, new QueryCache(), 5);
    assertTrue(r.suffix().contains("zephyr"), r.suffix());
    assertEquals(2.0, r.trainGain(), 1e-9);
    assertEquals(2.0, r.heldOutGain(), 1e-9);
    assertEquals(1.0, r.heldOutFlipRate(), 1e-9, "every held-out wrong answer now beats the right one");
    assertEquals(0.5, r.transferGain().get("o"), 1e-9);
    assertEquals(0.0, r.transferGain().get("i"), 1e-9);
    assertTrue(r.queriesUsed() <= 100, "budget: " + r.queriesUsed());
  }

  @Test
  void budgetIsNeverExceeded() {
    FakeRewardModel m = FakeRewardModel.classic("m", (p, r) -> r.length());
    List<AttackItem> items = Fixtures.items(Fixtures.ARITH, 4, 1);
    UniversalSuffixSearch.Result r =
        new UniversalSuffixSearch(10, 50, 37).search(items, List.of(), m, List.of(), Fixtures.vocab(50, null, 0), new QueryCache(), 2);
    assertTrue(r.queriesUsed() <= 37);
    assertEquals(36, r.queriesUsed(), "4 baseline + 8 words x 4 items; a 9th word would not fit");
    assertEquals(m.queries, r.modelCalls());
  }
}
