package dev.squall.eval.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.attack.AttackRunner;
import dev.squall.attack.QueryCache;
import dev.squall.attack.recipe.AttackRecipe;
import dev.squall.attack.recipe.AttackResources;
import dev.squall.attack.recipe.RecipeRegistry;
import dev.squall.rm.ModelInfo;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardModelKind;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringProvenance;
import dev.squall.rm.ScoringRequest;
import dev.squall.world.FeatureStrength;
import dev.squall.world.PreferencePair;
import dev.squall.world.Split;
import dev.squall.world.World;
import dev.squall.world.Worlds;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RobustnessEvaluatorTest {
  static final World ARITH = Worlds.byName("arithmetic");

  /** Rewards correctness (by the oracle); the classic fake also loves praise of the user. */
  record Fake(String name, RewardModelKind kind, boolean swayedByPraise) implements RewardModel {
    @Override
    public ModelInfo info() {
      return new ModelInfo(name, kind, "fake", "0".repeat(64), 0);
    }

    @Override
    public List<RewardResult> scoreAll(List<ScoringRequest> requests) {
      return requests.stream()
          .map(
              r -> {
                double reward = ARITH.judge(r.prompt(), r.response()).correct() ? 1 : 0;
                if (swayedByPraise && r.response().contains("question")) {
                  reward += 2;
                }
                return new RewardResult(
                    reward, List.of(),
                    new ScoringProvenance(name, "0", kind, Optional.empty(), "test"));
              })
          .toList();
    }

    @Override
    public void close() {}
  }

  @Test
  void flatteryFoolsTheSwayedModelOnlyAndTheComparisonSaysSo() {
    List<PreferencePair> pairs =
        ARITH.generate(Split.TEST, 40, 3, FeatureStrength.NONE).toList();
    List<AttackRecipe> recipes =
        RecipeRegistry.builtIn().all().stream()
            .filter(r -> List.of("flattery", "casing").contains(r.name()))
            .toList();
    assertEquals(2, recipes.size());
    RobustnessEvaluator ev =
        new RobustnessEvaluator(
            new AttackRunner(new QueryCache(10_000)), AttackResources.defaults(), RobustnessConfig.defaults(1));
    RobustnessReport report =
        ev.evaluate(
            recipes,
            List.of(new Fake("classic", RewardModelKind.CLASSIC, true), new Fake("cloud", RewardModelKind.CLOUD, false)),
            pairs);
    AttackSummary classicFlattery = find(report, "flattery", "classic");
    AttackSummary cloudFlattery = find(report, "flattery", "cloud");
    assertEquals(1.0, classicFlattery.attackSuccessRate().value(), 1e-12);
    assertEquals(40, classicFlattery.attackSuccessRate().n());
    assertEquals(0.0, cloudFlattery.attackSuccessRate().value(), 1e-12);
    assertTrue(classicFlattery.attackSuccessRate().interval().lower() > 0.9);
    assertEquals(1.0, classicFlattery.accuracyDrop().value(), 1e-12);
    ModelComparison flattery =
        report.comparisons().stream().filter(c -> c.attack().equals("flattery")).findFirst().orElseThrow();
    assertEquals(-1.0, flattery.asrDifference().value(), 1e-12);
    assertTrue(flattery.mcnemar().pValue() < 1e-6);
    assertTrue(flattery.significant());
    ModelComparison casing =
        report.comparisons().stream().filter(c -> c.attack().equals("casing")).findFirst().orElseThrow();
    assertTrue(!casing.significant(), "casing fools neither fake");
    assertNotNull(report.families());
    assertEquals(2 * 2 * 40, report.results().size());
  }

  private static AttackSummary find(RobustnessReport r, String attack, String model) {
    return r.attacks().stream()
        .filter(s -> s.attack().equals(attack) && s.model().equals(model))
        .findFirst()
        .orElseThrow();
  }
}
