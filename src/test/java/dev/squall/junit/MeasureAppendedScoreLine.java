package dev.squall.junit;

import dev.squall.attack.recipe.RecipeRegistry;
import dev.squall.model.hf.EmbeddedModels;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringRequest;
import dev.squall.rm.local.LoadOptions;
import dev.squall.rm.local.LocalModels;
import dev.squall.train.OrganismWorld;
import dev.squall.train.WorldOrganisms;
import dev.squall.world.PreferencePair;
import dev.squall.world.Split;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Why a CLoud model's reward moves when the {@code fake-score} lines are appended to a rejected
 * response (not a test of anything; the cloud card quotes its output). For each arithmetic test
 * pair the model ranks right, it scores the rejected response with each line appended twice: with
 * a fresh critique, and with the critique of the response as given held fixed. The second isolates
 * the reward head reading the line; comparing the fresh critique with the original shows whether
 * the line changes what the critic writes and its verdict. Run with {@code -Dgroups=slow
 * -Dtest.excludedGroups= -Dsquall.measure=true -Dtest=MeasureAppendedScoreLine} ({@code -Dmodel=DIR}
 * for a model folder other than the embedded {@code cloud}; {@code -Dn}, {@code -Dseed}).
 */
@Tag("slow")
@EnabledIfSystemProperty(named = "squall.measure", matches = "true")
class MeasureAppendedScoreLine {
  /** The {@code fake-score} recipe's lines (attacks/06-injection.json). */
  static final List<String> LINES = new ArrayList<>();

  static {
    RecipeRegistry.builtIn().get("fake-score").transformation().params().path("variants")
        .forEach(v -> LINES.add(v.asText()));
  }

  @Test
  void measure() {
    int n = Integer.getInteger("n", 120);
    long seed = Long.getLong("seed", 7);
    String model = System.getProperty("model");
    Path dir = model == null ? EmbeddedModels.resolve("cloud") : Path.of(model);
    Dataset d = Datasets.world("arithmetic", Split.TEST, n, seed);
    OrganismWorld world = WorldOrganisms.all();
    int ranked = 0;
    int flippedFresh = 0;
    int flippedFixed = 0;
    int critiques = 0;
    int changed = 0;
    int verdictChanged = 0;
    double shiftFresh = 0;
    double shiftFixed = 0;
    try (RewardModel rm = LocalModels.loadRewardModel(dir, LoadOptions.defaults())) {
      for (PreferencePair p : d.pairs()) {
        List<RewardResult> base = rm.scoreAll(List.of(
            ScoringRequest.of(p.prompt(), p.chosen()), ScoringRequest.of(p.prompt(), p.rejected())));
        double chosen = base.get(0).reward();
        double rejected = base.get(1).reward();
        if (!(chosen > rejected)) {
          continue;
        }
        ranked++;
        String critique = base.get(1).critiques().get(0).text();
        List<ScoringRequest> attacked = new ArrayList<>();
        for (String line : LINES) {
          String response = p.rejected() + "\n\n" + line;
          attacked.add(ScoringRequest.of(p.prompt(), response));
          attacked.add(ScoringRequest.of(p.prompt(), response).withCritique(critique));
        }
        List<RewardResult> r = rm.scoreAll(attacked);
        boolean fresh = false;
        boolean fixed = false;
        for (int k = 0; k < LINES.size(); k++) {
          RewardResult f = r.get(2 * k);
          RewardResult g = r.get(2 * k + 1);
          shiftFresh += f.reward() - rejected;
          shiftFixed += g.reward() - rejected;
          fresh |= f.reward() >= chosen;
          fixed |= g.reward() >= chosen;
          String now = f.critiques().get(0).text();
          critiques++;
          if (!now.equals(critique)) {
            changed++;
            if (!world.critiqueVerdict(now).equals(world.critiqueVerdict(critique))) {
              verdictChanged++;
            }
          }
        }
        flippedFresh += fresh ? 1 : 0;
        flippedFixed += fixed ? 1 : 0;
      }
    }
    System.out.printf("%s on arithmetic/test (n=%d, seed %d): %d ranked right; flipped by a line with a fresh critique %d,"
            + " with the critique held fixed %d; mean reward shift fresh %+.3f, fixed %+.3f; of %d attacked critiques"
            + " %d changed (%.1f%%), %d with another verdict (%.1f%%)%n",
        dir, n, seed, ranked, flippedFresh, flippedFixed, shiftFresh / critiques, shiftFixed / critiques, critiques,
        changed, 100.0 * changed / critiques, verdictChanged, 100.0 * verdictChanged / critiques);
  }
}
