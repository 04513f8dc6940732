package dev.squall.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.attack.constraint.OracleValidity;
import dev.squall.attack.goal.FlipPair;
import dev.squall.attack.goal.RaiseReward;
import dev.squall.attack.search.BeamSearch;
import dev.squall.attack.search.GeneticSearch;
import dev.squall.attack.search.GreedySearch;
import dev.squall.attack.search.RandomSearch;
import dev.squall.attack.search.SingleShotSearch;
import dev.squall.attack.transform.Homoglyphs;
import dev.squall.attack.transform.VocabularyAppend;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Each search method finds a planted weakness within its budget; budgets are exact; cache and seeds. */
class SearchMethodsTest {
  static final String MAGIC = "zephyr";
  static final Vocabulary VOCAB = Fixtures.vocab(40, MAGIC, 29);

  /** Rewards correctness (a good model) plus a planted weakness: +5 when the magic word appears. */
  static FakeRewardModel magicModel() {
    return FakeRewardModel.classic(
        "magic", (p, r) -> Fixtures.gold(Fixtures.ARITH, p, r) + (r.contains(MAGIC) ? 5 : 0) - 0.001 * r.length());
  }

  static Stream<Arguments> searches() {
    return Stream.of(
        Arguments.of(new SingleShotSearch(40), 42),
        Arguments.of(new RandomSearch(20, 8, 2), 120),
        Arguments.of(new GreedySearch(40, 3, false), 45),
        Arguments.of(new BeamSearch(2, 20, 8), 250),
        Arguments.of(new GeneticSearch(8, 20, 0.8), 150));
  }

  @ParameterizedTest
  @MethodSource("searches")
  void findsPlantedMagicWordWithinBudget(SearchMethod search, int budget) {
    FakeRewardModel m = magicModel();
    Attack a =
        new Attack("magic-" + search.name(), new VocabularyAppend(VOCAB), List.of(new OracleValidity(false)),
            new FlipPair(budget), search);
    AttackRunner runner = new AttackRunner(new QueryCache());
    List<AttackResult> rs = runner.runAll(a, Fixtures.items(Fixtures.ARITH, 3, 11), m, List.of(), 5);
    for (AttackResult r : rs) {
      assertInstanceOf(AttackStatus.Succeeded.class, r.status(), r.toString());
      assertTrue(r.adversarial().text().contains(MAGIC), r.adversarial().text());
      assertTrue(r.queriesUsed() <= budget, r.queriesUsed() + " > " + budget);
      assertTrue(r.models().get(0).flipped());
    }
    assertEquals(rs.stream().mapToInt(AttackResult::modelCalls).sum(), m.queries);
  }

  @Test
  void greedyWordImportanceFindsPlantedHomoglyphWeakness() {
    // weakness: +5 when the word "answer" is written with a Cyrillic 'а'; other homoglyphs do nothing
    FakeRewardModel m =
        FakeRewardModel.classic("glyph", (p, r) -> Fixtures.gold(Fixtures.ARITH, p, r) + (r.contains("аnswer") ? 5 : 0));
    Attack a =
        new Attack("wir", new Homoglyphs(), List.of(new OracleValidity(false)), new FlipPair(30),
            new GreedySearch(4, 10, true));
    AttackItem item =
        Fixtures.items(Fixtures.ARITH, 20, 3).stream().filter(i -> i.response().contains("answer")).findFirst().orElseThrow();
    AttackResult r = new AttackRunner(new QueryCache()).run(a, item, m, List.of(), 1);
    assertInstanceOf(AttackStatus.Succeeded.class, r.status(), r.toString());
    assertTrue(r.queriesUsed() <= 30);
    assertEquals(r.queriesUsed(), m.queries);
  }

  @Test
  void greedyWordImportanceFollowsWordsWhenFillersShiftThem() {
    // weakness: +1 per filler word; every word can take one, so the best text has a filler after each
    FakeRewardModel m =
        FakeRewardModel.classic("fill", (p, r) -> java.util.Arrays.stream(r.split("\\s+")).filter(dev.squall.attack.transform.WordNoise.FILLERS::contains).count());
    Attack a =
        new Attack("wir-shift", new dev.squall.attack.transform.WordNoise(), List.of(), RaiseReward.byDelta(100, 4),
            new GreedySearch(2, 10, true));
    AttackResult r = new AttackRunner(new QueryCache()).run(a, AttackItem.single("s", "p", "one two three four"), m, List.of(), 2);
    assertInstanceOf(AttackStatus.Succeeded.class, r.status(), r.toString());
    String[] w = r.adversarial().text().split(" ");
    assertEquals(8, w.length, r.adversarial().text());
    for (int i = 0; i < 4; i++) {
      assertEquals(List.of("one", "two", "three", "four").get(i), w[2 * i], "original word kept in place: " + r.adversarial().text());
    }
  }

  static Stream<Arguments> budgets() {
    return Stream.of(
        Arguments.of(new SingleShotSearch(500), 9),
        Arguments.of(new RandomSearch(1000, 7, 3), 23),
        Arguments.of(new GreedySearch(13, 1000, false), 31),
        Arguments.of(new BeamSearch(3, 11, 1000), 47),
        Arguments.of(new GeneticSearch(9, 1000, 0.9), 53));
  }

  @ParameterizedTest
  @MethodSource("budgets")
  void budgetIsSpentExactlyNeverExceeded(SearchMethod search, int budget) {
    // no weakness reachable; reward grows with length, so hill-climbing always has somewhere to go
    FakeRewardModel m = FakeRewardModel.classic("plain", (p, r) -> 0.001 * r.length());
    Attack a =
        new Attack("budget", new VocabularyAppend(Fixtures.vocab(400, null, 0)), List.of(),
            RaiseReward.byDelta(budget, 1e6), search);
    AttackResult r = new AttackRunner(new QueryCache()).run(a, AttackItem.single("x", "Say hi.", "Hello"), m, List.of(), 9);
    assertEquals(budget, m.queries, "model queries");
    assertEquals(budget, r.queriesUsed());
    assertEquals(budget, r.modelCalls());
    assertEquals(new AttackStatus.Failed("query budget exhausted"), r.status());
  }

  @Test
  void cacheHitsAreNotModelQueriesAndDoNotChangeTheSearch() {
    FakeRewardModel m = magicModel();
    Attack a =
        new Attack("cached", new VocabularyAppend(VOCAB), List.of(), new FlipPair(60), new RandomSearch(20, 6, 2));
    QueryCache cache = new QueryCache();
    AttackRunner runner = new AttackRunner(cache);
    List<AttackItem> items = Fixtures.items(Fixtures.ARITH, 2, 4);
    List<AttackResult> first = runner.runAll(a, items, m, List.of(), 3);
    int after1 = m.queries;
    List<AttackResult> second = runner.runAll(a, items, m, List.of(), 3);
    assertEquals(after1, m.queries, "a warm cache must not query the model");
    for (int i = 0; i < first.size(); i++) {
      assertEquals(0, second.get(i).modelCalls());
      assertEquals(first.get(i).queriesUsed(), second.get(i).queriesUsed());
      assertEquals(first.get(i).adversarial(), second.get(i).adversarial());
    }
    assertTrue(cache.hits() >= first.stream().mapToInt(AttackResult::queriesUsed).sum());
  }

  @Test
  void sameSeedSameAdversarialTextsOtherSeedDiffers() {
    Attack a =
        new Attack("det", new VocabularyAppend(Fixtures.vocab(200, null, 0)), List.of(),
            RaiseReward.byDelta(30, 1e6), new RandomSearch(3, 4, 3));
    List<AttackItem> items = Fixtures.items(Fixtures.ARITH, 3, 8);
    List<AttackResult> r1 = new AttackRunner(new QueryCache()).runAll(a, items, magicModel(), List.of(), 77);
    List<AttackResult> r2 = new AttackRunner(new QueryCache()).runAll(a, items, magicModel(), List.of(), 77);
    List<AttackResult> r3 = new AttackRunner(new QueryCache()).runAll(a, items, magicModel(), List.of(), 78);
    assertEquals(texts(r1), texts(r2));
    assertEquals(r1.stream().map(AttackResult::adversarial).toList(), r2.stream().map(AttackResult::adversarial).toList());
    assertEquals(r1.stream().map(AttackResult::seed).toList(), r2.stream().map(AttackResult::seed).toList());
    assertNotEquals(texts(r1), texts(r3));
  }

  private static List<String> texts(List<AttackResult> rs) {
    return rs.stream().map(r -> r.adversarial().text()).toList();
  }
}
