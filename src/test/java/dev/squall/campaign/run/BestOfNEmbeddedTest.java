package dev.squall.campaign.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.Seeds;
import dev.squall.campaign.config.CampaignConfig;
import dev.squall.campaign.config.CampaignParser;
import dev.squall.campaign.store.ResultRow;
import dev.squall.campaign.store.RunStore;
import dev.squall.model.hf.EmbeddedModels;
import dev.squall.policy.LocalPolicy;
import dev.squall.world.FeatureStrength;
import dev.squall.world.PreferencePair;
import dev.squall.world.Split;
import dev.squall.world.World;
import dev.squall.world.Worlds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The best_of_n stage end to end on the embedded organisms (DJL; about 10 s): the embedded policy
 * samples the candidates, the embedded classic and CLoud models are the proxies, the lists world's
 * oracle is gold. Small on purpose: 3 prompts, N up to 4, short critiques.
 */
class BestOfNEmbeddedTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  CampaignConfig campaign() {
    ObjectNode c = JSON.createObjectNode().put("name", "bon-embedded").put("seed", 11).put("batch_size", 3);
    var models = c.putArray("models");
    models.addObject().put("name", "classic").put("source", "classic");
    models.addObject().put("name", "cloud").put("source", "cloud").put("max_critique_tokens", 16);
    ObjectNode ds = c.putArray("datasets").addObject().put("name", "lists").put("world", "lists").put("seed", 4);
    ds.putArray("splits").add("test");
    c.putObject("policy").put("temperature", 0.2).put("max_new_tokens", 40);
    ObjectNode bon = c.putArray("evaluators").addObject().put("type", "best_of_n").put("dataset", "lists")
        .put("max_items", 3);
    bon.putArray("ns").add(1).add(2).add(4);
    return new CampaignParser(dir, Set.of()).parse("bon.json", c);
  }

  @Test
  void theEmbeddedPolicySamplesTheEmbeddedProxiesPickAndTheOracleScores() throws Exception {
    CampaignConfig cfg = campaign();
    CampaignRunner.Options o = CampaignRunner.Options.defaults().withCache(dir.resolve("cache.sqlite"));
    CampaignRunner.start(cfg, dir.resolve("a"), o);
    CampaignRunner.start(cfg, dir.resolve("b"), o);

    World world = Worlds.byName("lists");
    List<PreferencePair> pairs = world.generate(Split.TEST, 3, 4, FeatureStrength.of(0.8, 0.2)).toList();
    List<String> ids = pairs.stream().map(PreferencePair::id).toList();
    Map<String, List<String>> stored;
    try (RunStore s = RunStore.openExisting(dir.resolve("a"))) {
      stored = s.candidates("best_of_n", ids);
      List<ResultRow> rows = s.rows("best_of_n");
      assertEquals(6, rows.size(), "2 models x 3 prompts");
      for (ResultRow r : rows) {
        JsonNode d = JSON.readTree(r.detail());
        List<String> cands = stored.get(r.itemId());
        String prompt = pairs.get(ids.indexOf(r.itemId())).prompt();
        for (int k = 0; k < 4; k++) {
          assertEquals(world.goldReward(prompt, cands.get(k)), d.get("gold").get(k).asDouble(), 1e-12);
        }
        int pick = d.get("pick").asInt();
        for (int k = 0; k < 4; k++) {
          assertTrue(d.get("proxy").get(pick).asDouble() >= d.get("proxy").get(k).asDouble());
        }
        assertEquals(d.get("gold").get(pick).asDouble(), r.score(), 1e-12);
      }
    }
    // the stored candidates are the policy's own samples, seeded per (policy seed, stage, item)
    try (LocalPolicy policy = LocalPolicy.load(EmbeddedModels.resolve("policy"), 40, 16)) {
      for (PreferencePair p : pairs) {
        assertEquals(policy.sample(p.prompt(), 4, 0.2, Seeds.derive(cfg.policy().seed(), "best_of_n", p.id())),
            stored.get(p.id()), p.prompt());
      }
    }
    JsonNode a = JSON.readTree(dir.resolve("a/summary.json").toFile());
    JsonNode b = JSON.readTree(dir.resolve("b/summary.json").toFile());
    assertEquals(a.get("metrics"), b.get("metrics"), "same seed, same numbers");
    assertEquals(a.at("/stages/0/details"), b.at("/stages/0/details"));
    try (RunStore s = RunStore.openExisting(dir.resolve("b"))) {
      assertEquals(stored, s.candidates("best_of_n", ids), "same seed, same candidates");
    }
    for (JsonNode c : a.at("/stages/0/details/curves")) {
      assertEquals(3, c.get("curve").size());
      for (JsonNode pt : c.get("curve")) {
        double lo = pt.at("/gold/interval/lower").asDouble();
        double hi = pt.at("/gold/interval/upper").asDouble();
        assertTrue(lo >= 0 && hi <= 1 && lo <= pt.at("/gold/value").asDouble(), pt.toString());
      }
      assertTrue(c.get("gao_fit").has("alpha_interval"), c.toString());
    }
    assertEquals(64, a.at("/provenance/policy/hash").asText().length());
    assertTrue(Files.readString(dir.resolve("a/report.html")).contains("candidates: sampled from policy (temperature 0.2)"));
  }
}
