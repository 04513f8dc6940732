package dev.squall.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.attack.recipe.AttackResources;
import dev.squall.attack.recipe.RecipeRegistry;
import dev.squall.model.hf.EmbeddedModels;
import dev.squall.policy.LazyPolicy;
import dev.squall.rm.ModelInfo;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringRequest;
import dev.squall.rm.local.LoadOptions;
import dev.squall.rm.local.LocalModels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in {@code policy-rewrite} recipe with the embedded policy organism proposing rewrites
 * (DJL; some seconds): against the embedded classic reward model and against a small fake one.
 * Same seed, same adversarial texts; every target query charged; successes stay oracle-wrong.
 */
class PolicyRewriteEmbeddedTest {
  private static AttackResources resources;
  private static RewardModel classic;

  @BeforeAll
  static void load() {
    resources = AttackResources.defaults();
    classic = LocalModels.loadRewardModel(EmbeddedModels.resolve("classic"), LoadOptions.defaults());
  }

  @AfterAll
  static void close() {
    if (classic != null) {
      classic.close();
    }
    if (resources != null) {
      resources.close();
    }
  }

  /** Counts the requests that reach the wrapped model. */
  static final class Counting implements RewardModel {
    final RewardModel inner;
    int queries;

    Counting(RewardModel inner) {
      this.inner = inner;
    }

    @Override
    public ModelInfo info() {
      return inner.info();
    }

    @Override
    public List<RewardResult> scoreAll(List<ScoringRequest> requests) {
      queries += requests.size();
      return inner.scoreAll(requests);
    }

    @Override
    public void close() {}
  }

  static Attack recipe() {
    return RecipeRegistry.builtIn().get("policy-rewrite").build(resources);
  }

  @Test
  void embeddedClassicModel_sameSeedSameTextsEveryQueryCharged() {
    Attack a = recipe();
    List<AttackItem> items = Fixtures.items(Fixtures.ARITH, 4, 61);
    Counting counted = new Counting(classic);
    List<AttackResult> first = new AttackRunner(new QueryCache()).runAll(a, items, counted, List.of(), 7);
    assertTrue(((LazyPolicy) resources.policy()).isLoaded(), "the recipe sampled the embedded policy");
    assertEquals(first.stream().mapToInt(AttackResult::queriesUsed).sum(), counted.queries);
    int scored = 0;
    for (int i = 0; i < first.size(); i++) {
      AttackResult r = first.get(i);
      assertTrue(r.queriesUsed() <= a.goal().queryBudget(), r.toString());
      scored += r.candidatesScored();
      checkRewrite(items.get(i), r);
    }
    assertTrue(scored > 0, "some policy proposals were valid and scored: " + summary(first));

    List<AttackResult> again = new AttackRunner(new QueryCache()).runAll(a, items, new Counting(classic), List.of(), 7);
    assertEquals(summary(first), summary(again), "same seed, same adversarial texts, statuses and query counts");
    List<AttackResult> other = new AttackRunner(new QueryCache()).runAll(a, items, classic, List.of(), 8);
    assertFalse(summary(first).equals(summary(other)), "another run seed samples other rewrites");
    System.out.println("[PolicyRewriteEmbeddedTest] classic: " + summary(first));
  }

  @Test
  void smallFakeModel_lengthBiasIsFoundWithWrongAnswersOnly() {
    // a verbosity-biased fake: correctness is worth 0.1, each character 0.01
    FakeRewardModel fake =
        FakeRewardModel.classic("verbose", (p, r) -> 0.1 * Fixtures.gold(Fixtures.ARITH, p, r) + 0.01 * r.length());
    Attack a = recipe();
    List<AttackItem> items = Fixtures.items(Fixtures.ARITH, 4, 67);
    List<AttackResult> rs = new AttackRunner(new QueryCache()).runAll(a, items, fake, List.of(), 11);
    assertEquals(rs.stream().mapToInt(AttackResult::queriesUsed).sum(), fake.queries, "every query charged");
    int succeeded = 0;
    for (int i = 0; i < rs.size(); i++) {
      AttackResult r = rs.get(i);
      assertTrue(r.queriesUsed() <= a.goal().queryBudget());
      checkRewrite(items.get(i), r);
      succeeded += r.succeeded() ? 1 : 0;
    }
    System.out.println("[PolicyRewriteEmbeddedTest] verbose fake: " + summary(rs));
    assertTrue(succeeded > 0, "a longer wrong answer from the policy beats the right one: " + summary(rs));
  }

  /** A changed text is a policy rewrite, still wrong by the oracle (the gold label is kept). */
  private static void checkRewrite(AttackItem item, AttackResult r) {
    if (r.adversarial().text().equals(item.response())) {
      return;
    }
    assertFalse(Fixtures.ARITH.judge(item.prompt(), r.adversarial().text()).correct(), r.adversarial().text());
    assertTrue(r.adversarial().edits().stream().allMatch(e -> e.kind().equals("policy_rewrite:policy")));
    assertEquals(r.adversarial().text(), AttackedTextTest.replay(r.adversarial()));
  }

  private static List<String> summary(List<AttackResult> rs) {
    List<String> out = new ArrayList<>();
    for (AttackResult r : rs) {
      out.add(r.status().id() + " q=" + r.queriesUsed() + " " + r.adversarial().text());
    }
    return out;
  }
}
