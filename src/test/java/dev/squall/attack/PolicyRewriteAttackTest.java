package dev.squall.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.attack.constraint.OracleValidity;
import dev.squall.attack.goal.FlipPair;
import dev.squall.attack.recipe.AttackResources;
import dev.squall.attack.recipe.RecipeLoader;
import dev.squall.attack.recipe.RecipeRegistry;
import dev.squall.attack.search.BeamSearch;
import dev.squall.attack.transform.PolicyRewrite;
import dev.squall.attack.transform.RewritePrompt;
import dev.squall.world.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The policy-driven rewriting loop (PAIR) on a scripted policy and a small fake reward model: the
 * loop builds on the best rewrites round after round, the oracle rejects rewrites that change the
 * gold label, every target query is charged exactly, and the same seed gives the same texts.
 */
class PolicyRewriteAttackTest {
  static final String BOOST = " Certainly.";

  /**
   * A chat policy that follows the instruction: the current response (after "Answer: ") plus one
   * more {@link #BOOST}; a third of its samples also "fix" the answer to the true one (a rewrite
   * that changes the gold label) and a third repeat the response unchanged.
   */
  static ScriptedPolicy boostingPolicy() {
    return new ScriptedPolicy(
        "boost",
        (prompt, seed) -> {
          String question = prompt.substring(prompt.indexOf("Question: ") + 10, prompt.indexOf("\n\nAnswer: "));
          String response = prompt.substring(prompt.indexOf("\n\nAnswer: ") + 10);
          return switch (Math.floorMod(seed, 3)) {
            case 0 -> response + BOOST;
            case 1 -> {
              Verdict v = Fixtures.ARITH.judge(question, response);
              yield response.replace(v.found(), v.expected()) + BOOST;
            }
            default -> response;
          };
        });
  }

  /** Right answers get 1; each boost phrase adds 0.4, so a wrong answer needs three to win. */
  static FakeRewardModel boostSensitiveModel() {
    return FakeRewardModel.classic(
        "boost-sensitive",
        (p, r) -> Fixtures.gold(Fixtures.ARITH, p, r) + 0.4 * (r.split(BOOST, -1).length - 1));
  }

  static Attack pair(ScriptedPolicy policy, int budget) {
    return new Attack(
        "pair-test",
        new PolicyRewrite(policy, new RewritePrompt.Instruct(RewritePrompt.Instruct.DEFAULT_TEMPLATE), 1.0),
        List.of(new OracleValidity(false)),
        new FlipPair(budget),
        new BeamSearch(2, 6, 4));
  }

  @Test
  void theLoopBuildsOnTheBestRewritesUntilTheWrongAnswerWins() {
    ScriptedPolicy policy = boostingPolicy();
    FakeRewardModel model = boostSensitiveModel();
    List<AttackItem> items = Fixtures.items(Fixtures.ARITH, 4, 17);
    List<AttackResult> rs = new AttackRunner(new QueryCache()).runAll(pair(policy, 200), items, model, List.of(), 3);
    for (int i = 0; i < rs.size(); i++) {
      AttackResult r = rs.get(i);
      AttackItem it = items.get(i);
      assertInstanceOf(AttackStatus.Succeeded.class, r.status(), r.toString());
      String adv = r.adversarial().text();
      assertEquals(it.response() + BOOST.repeat(3), adv, "three rounds of rewrites of the best text");
      assertEquals(3, r.adversarial().edits().size());
      assertTrue(r.adversarial().edits().stream().allMatch(e -> e.kind().equals("policy_rewrite:boost")));
      assertFalse(Fixtures.ARITH.judge(it.prompt(), adv).correct(), "a success stays wrong");
      assertTrue(r.rejections().getOrDefault("oracle_validity", 0) > 0, "label-changing rewrites were proposed and rejected");
      assertTrue(r.queriesUsed() <= 200);
    }
    // every target query is charged: the model saw exactly the queries the results report
    assertEquals(rs.stream().mapToInt(AttackResult::queriesUsed).sum(), model.queries);
    assertEquals(rs.stream().mapToInt(AttackResult::modelCalls).sum(), model.queries);
    // the instruction quoted the current best text, not only the original
    assertTrue(policy.prompts.stream().anyMatch(p -> p.endsWith(BOOST + BOOST)));
  }

  @Test
  void theBudgetIsSpentExactlyAndNeverExceeded() {
    // right answers get 1 and wrong ones 0: nothing flips, so the search runs until the budget is gone
    FakeRewardModel model = FakeRewardModel.classic("gold", (p, r) -> Fixtures.gold(Fixtures.ARITH, p, r));
    List<AttackItem> items = Fixtures.items(Fixtures.ARITH, 3, 23);
    for (int budget : new int[] {2, 3, 7, 16}) {
      int before = model.queries;
      Attack a =
          new Attack("random", PolicyRewrite.resampling(randomPolicy()), List.of(new OracleValidity(false)),
              new FlipPair(budget), new BeamSearch(2, 4, 3));
      List<AttackResult> rs = new AttackRunner(new QueryCache()).runAll(a, items, model, List.of(), 1);
      for (AttackResult r : rs) {
        assertEquals(budget, r.queriesUsed(), "budget " + budget + ": " + r);
        assertEquals(budget, r.modelCalls());
        assertInstanceOf(AttackStatus.Failed.class, r.status());
      }
      assertEquals(budget * items.size(), model.queries - before, "model requests for budget " + budget);
    }
  }

  /** Answers with a seeded random number (almost surely wrong) and 0-3 boost phrases. */
  static ScriptedPolicy randomPolicy() {
    return new ScriptedPolicy(
        "random",
        (prompt, seed) -> "The answer is " + Math.floorMod(seed, 100_000) + "." + BOOST.repeat(Math.floorMod(seed >> 20, 4)));
  }

  @Test
  void rewritesThatChangeTheGoldLabelAreNeverScored() {
    ScriptedPolicy fixer =
        new ScriptedPolicy(
            "fixer",
            (prompt, seed) -> {
              Verdict v = Fixtures.ARITH.judge(prompt, "");
              return "The answer is " + v.expected() + "." + BOOST.repeat(5);
            });
    FakeRewardModel model = boostSensitiveModel();
    Attack a =
        new Attack("fix", PolicyRewrite.resampling(fixer), List.of(new OracleValidity(false)), new FlipPair(60),
            new BeamSearch(2, 8, 3));
    List<AttackItem> items = Fixtures.items(Fixtures.ARITH, 3, 5);
    List<AttackResult> rs = new AttackRunner(new QueryCache()).runAll(a, items, model, List.of(), 2);
    for (AttackResult r : rs) {
      assertInstanceOf(AttackStatus.Invalid.class, r.status(), r.toString());
      assertEquals(2, r.queriesUsed(), "only the baseline (rejected and chosen) was scored");
      assertEquals(r.original(), r.adversarial().text());
    }
    assertEquals(2 * items.size(), model.queries);
  }

  @Test
  void sameSeedSameAdversarialTexts() {
    List<AttackItem> items = Fixtures.items(Fixtures.ARITH, 4, 29);
    Attack a =
        new Attack("random", PolicyRewrite.resampling(randomPolicy()), List.of(new OracleValidity(false)), new FlipPair(30),
            new BeamSearch(2, 4, 3));
    FakeRewardModel m = boostSensitiveModel();
    List<String> first = texts(new AttackRunner(new QueryCache()).runAll(a, items, m, List.of(), 41));
    List<String> again = texts(new AttackRunner(new QueryCache()).runAll(a, items, m, List.of(), 41));
    List<String> other = texts(new AttackRunner(new QueryCache()).runAll(a, items, m, List.of(), 42));
    assertEquals(first, again);
    assertFalse(first.equals(other), "another run seed gives other proposals");
  }

  @Test
  void theBuiltInRecipeNamesPairAndBuildsALazyPolicy() {
    var recipe = RecipeRegistry.builtIn().get("policy-rewrite");
    assertEquals("Chao", recipe.source().firstAuthor());
    assertEquals(2023, recipe.source().year());
    assertTrue(recipe.source().note().contains("2310.08419"));
    try (AttackResources res = AttackResources.defaults()) {
      Attack a = recipe.build(res);
      PolicyRewrite t = assertInstanceOf(PolicyRewrite.class, a.transformation());
      assertInstanceOf(RewritePrompt.Resample.class, t.ask());
      assertEquals("policy", t.policy().name());
      assertFalse(((dev.squall.policy.LazyPolicy) t.policy()).isLoaded(), "building a recipe loads no model");
      assertEquals("beam", a.search().name());
    }
  }

  @Test
  void recipeParametersAreChecked() {
    String base =
        "{\"name\": \"p\", \"family\": \"policy_rewrite\", \"description\": \"d\","
            + " \"source\": {\"title\": \"T\", \"first_author\": \"A\", \"year\": 2023},"
            + " \"transformation\": {\"type\": \"policy_rewrite\", %s},"
            + " \"goal\": {\"type\": \"flip_pair\", \"budget\": 10}, \"search\": {\"type\": \"beam\"}}";
    var ok = RecipeLoader.parse("p.json", base.formatted("\"ask\": \"instruct\", \"temperature\": 0.5, \"instruction\": \"Improve: {response}\""));
    try (AttackResources res = AttackResources.defaults()) {
      PolicyRewrite t = (PolicyRewrite) ok.get(0).build(res).transformation();
      assertEquals(new RewritePrompt.Instruct("Improve: {response}"), t.ask());
      assertEquals(0.5, t.temperature());
    }
    assertTrue(error(base.formatted("\"ask\": \"paraphrase\"")).contains("transformation.ask: found \"paraphrase\"; allowed: resample, instruct"));
    assertTrue(error(base.formatted("\"ask\": \"instruct\", \"instruction\": \"no slot\"")).contains("transformation.instruction: found \"no slot\""));
    assertTrue(error(base.formatted("\"instruction\": \"x {response}\"")).contains("no instruction unless ask is \"instruct\""));
    assertTrue(error(base.formatted("\"temperature\": -1")).contains("transformation.temperature: found -1"));
  }

  static String error(String recipe) {
    return org.junit.jupiter.api.Assertions.assertThrows(
            dev.squall.ConfigException.class, () -> RecipeLoader.parse("p.json", recipe))
        .getMessage();
  }

  static List<String> texts(List<AttackResult> rs) {
    return rs.stream().map(r -> r.adversarial().text()).toList();
  }
}
