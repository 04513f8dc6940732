package dev.squall.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryCacheTest {
  @Test
  void repeatsAreServedDistinctMissesGoInOneBatchAndModelsAreKeptApart() {
    FakeRewardModel a = FakeRewardModel.classic("a", (p, r) -> r.length());
    FakeRewardModel b = FakeRewardModel.classic("b", (p, r) -> -r.length());
    QueryCache c = new QueryCache();
    ScoringRequest x = ScoringRequest.of("p", "x");
    ScoringRequest y = ScoringRequest.of("p", "yy");
    QueryCache.Batch first = c.score(a, List.of(x, y, x));
    assertEquals(2, first.sent());
    assertEquals(1, a.batches);
    assertEquals(List.of(1.0, 2.0, 1.0), first.results().stream().map(RewardResult::reward).toList());
    QueryCache.Batch again = c.score(a, List.of(y, x));
    assertEquals(0, again.sent());
    assertEquals(2, a.queries);
    assertSame(first.results().get(0), again.results().get(1));
    assertEquals(-1.0, c.scoreAll(b, List.of(x)).get(0).reward(), "another model is another key");
    assertEquals(1, b.queries);
    assertEquals(3, c.modelQueries());
    ScoringRequest withCritique = x.withCritique("given");
    c.scoreAll(a, List.of(withCritique));
    assertEquals(3, a.queries, "a given critique is part of the key");
  }

  @Test
  void boundedByCapacity() {
    FakeRewardModel a = FakeRewardModel.classic("a", (p, r) -> 0);
    QueryCache c = new QueryCache(2);
    for (String s : List.of("1", "2", "3", "1")) {
      c.scoreAll(a, List.of(ScoringRequest.of("p", s)));
    }
    assertEquals(2, c.size());
    assertEquals(4, a.queries, "the eldest entry was evicted and asked again");
  }
}
