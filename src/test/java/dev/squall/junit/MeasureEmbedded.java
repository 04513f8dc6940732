package dev.squall.junit;

import static dev.squall.junit.SquallAssertions.assertThatRewardModel;

import dev.squall.model.hf.EmbeddedModels;
import dev.squall.rm.RewardModel;
import dev.squall.rm.local.LoadOptions;
import dev.squall.rm.local.LocalModels;
import dev.squall.world.Split;
import dev.squall.world.SpuriousFeature;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints the estimates behind {@link EmbeddedClaimsTest}'s bounds (not a test of anything): run
 * with {@code -Dgroups=slow -Dsquall.measure=true -Dtest=MeasureEmbedded} or through {@link #main}.
 */
@Tag("slow")
@EnabledIfSystemProperty(named = "squall.measure", matches = "true")
class MeasureEmbedded {
  static void run(String label, Runnable r) {
    long t0 = System.nanoTime();
    try {
      r.run();
      System.out.println("== " + label + ": PASSED");
    } catch (AssertionError e) {
      System.out.println("== " + label + "\n" + e.getMessage());
    }
    System.out.printf("   (%.1f s)%n", (System.nanoTime() - t0) / 1e9);
    System.out.flush();
  }

  public static void main(String[] args) {
    new MeasureEmbedded().measure();
  }

  @Test
  void measure() {
    int n = Integer.getInteger("n", 60);
    String world = System.getProperty("world", "arithmetic");
    Dataset d = Datasets.world(world, Split.TEST, n, Long.getLong("seed", 7));
    try (RewardModel cloud = LocalModels.loadRewardModel(EmbeddedModels.resolve("cloud"), LoadOptions.defaults());
        RewardModel classic = LocalModels.loadRewardModel(EmbeddedModels.resolve("classic"), LoadOptions.defaults())) {
      RewardModelAssert ac = assertThatRewardModel(cloud).as("cloud").on(d);
      RewardModelAssert ak = assertThatRewardModel(classic).as("classic").on(d);
      run("classic acc", () -> ak.hasAccuracyAtLeast(1.0));
      run("cloud acc", () -> ac.hasAccuracyAtLeast(1.0));
      for (SpuriousFeature f : SpuriousFeature.values()) {
        if (!System.getProperty("features", "FLATTERY,VERBOSITY,CONFIDENCE").contains(f.name())) {
          continue;
        }
        run("classic sway " + f, () -> ak.isNotSwayedBy(f, 0.0));
        run("cloud sway " + f, () -> ac.isNotSwayedBy(f, 0.0));
        run("cloud vs classic sway " + f, () -> ac.under(f).isAtLeastAsRobustAs(classic).within(0.0));
        run("classic vs cloud sway " + f, () -> ak.under(f).isAtLeastAsRobustAs(cloud).within(0.0));
      }
      for (String a : System.getProperty("attacks", "flattery").split(",")) {
        run("classic asr " + a, () -> ak.under(a).hasAttackSuccessRateAtMost(0.0));
        run("cloud asr " + a, () -> ac.under(a).hasAttackSuccessRateAtMost(0.0));
        run("cloud vs classic " + a, () -> ac.under(a).isAtLeastAsRobustAs(classic).within(0.0));
        run("classic vs cloud " + a, () -> ak.under(a).isAtLeastAsRobustAs(cloud).within(0.0));
      }
    }
  }
}
