package dev.squall.policy;

import dev.squall.model.hf.EmbeddedModels;
import dev.squall.stats.Interval;
import dev.squall.stats.Proportion;
import dev.squall.world.FeatureStrength;
import dev.squall.world.PreferencePair;
import dev.squall.world.Split;
import dev.squall.world.Verdict;
import dev.squall.world.World;
import dev.squall.world.Worlds;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints how often the embedded {@code policy} organism's samples are correct, per world and
 * temperature (not a test of anything): the share of samples the world's oracle judges correct
 * (Wilson), the share it can parse, and the share of prompts with at least one correct sample among
 * {@code k} (the ceiling of best-of-k gold). Those numbers decide which world and temperature make
 * a best-of-N gold curve informative. Run with {@code -Dgroups=slow -Dsquall.measure=true
 * -Dtest=MeasurePolicyGold} (options {@code -Dprompts=40 -Dk=16 -Dtemps=0.7,1.0,1.3}) or through
 * {@link #main}.
 */
@Tag("slow")
@EnabledIfSystemProperty(named = "squall.measure", matches = "true")
class MeasurePolicyGold {
  public static void main(String[] args) {
    new MeasurePolicyGold().measure();
  }

  @Test
  void measure() {
    int prompts = Integer.getInteger("prompts", 40);
    int k = Integer.getInteger("k", 16);
    long seed = Long.getLong("seed", 20251128L);
    String[] temps = System.getProperty("temps", "0.7,1.0,1.3").split(",");
    String[] worlds = System.getProperty("worlds", "arithmetic,lists").split(",");
    try (LocalPolicy policy = LocalPolicy.load(EmbeddedModels.resolve("policy"))) {
      System.out.println("world | split | T | samples | gold rate [95% Wilson] | parsed | prompts with >=1 correct of " + k);
      for (String w : worlds) {
        World world = Worlds.byName(w);
        List<PreferencePair> pairs =
            world.generate(Split.TEST, prompts, 0, FeatureStrength.of(0.8, 0.2)).toList();
        for (String t : temps) {
          double temperature = Double.parseDouble(t);
          long t0 = System.nanoTime();
          int total = 0;
          int correct = 0;
          int parsed = 0;
          int anyCorrect = 0;
          String example = "";
          for (PreferencePair p : pairs) {
            boolean any = false;
            for (String s : policy.sample(p.prompt(), k, temperature, seed)) {
              Verdict v = world.judge(p.prompt(), s);
              total++;
              parsed += v.parsed() ? 1 : 0;
              if (v.correct()) {
                correct++;
                any = true;
                if (example.isEmpty()) {
                  example = p.prompt() + " -> " + s;
                }
              }
            }
            anyCorrect += any ? 1 : 0;
          }
          Interval ci = new Proportion(correct, total).wilson(0.95);
          System.out.printf(Locale.ROOT,
              "%s | test | %.2f | %d | %d = %.3f [%.3f, %.3f] | %.3f | %d/%d (%.1f s)%n   e.g. %s%n",
              w, temperature, total, correct, correct / (double) total, ci.lower(), ci.upper(),
              parsed / (double) total, anyCorrect, pairs.size(), (System.nanoTime() - t0) / 1e9,
              example);
          System.out.flush();
        }
      }
    }
  }
}
