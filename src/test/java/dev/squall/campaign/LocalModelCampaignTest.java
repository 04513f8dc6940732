package dev.squall.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.campaign.config.CampaignParser;
import dev.squall.campaign.run.CampaignRunner;
import dev.squall.campaign.run.Stages;
import dev.squall.model.hf.ModelLayout;
import dev.squall.rm.local.TinyModelFolders;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real model path: tiny random classic and CLoud folders loaded through LocalModels, CLoud
 * critiques generated, cached (critiques included) and served from the cache on a rerun.
 */
class LocalModelCampaignTest {
  @TempDir Path dir;

  @Test
  void tinyLocalModelsRunThroughTheCacheAndARerunCallsNoModel() throws Exception {
    Path classic = dir.resolve("classic-tiny");
    Path cloud = dir.resolve("cloud-tiny");
    TinyModelFolders.write(classic, ModelLayout.SEQUENCE_CLASSIFICATION, 1);
    TinyModelFolders.write(cloud, ModelLayout.CLOUD_TEACHER, 2);
    ObjectNode c = Campaigns.campaign(classic, cloud, 3, false);
    ((ObjectNode) c.get("models").get(1)).put("max_critique_tokens", 4);
    ((ObjectNode) c.get("thresholds").get(0)).put("min", 0.0);
    var cfg = new CampaignParser(dir, Stages.knownAttacks()).parse("c.json", c);
    var opts = CampaignRunner.Options.defaults();
    var first = CampaignRunner.start(cfg, dir.resolve("reports/a"), opts);
    assertEquals(2 * 2 * 3 * 2, first.modelCalls());
    var second = CampaignRunner.start(cfg, dir.resolve("reports/b"), opts);
    assertEquals(0, second.modelCalls());
    assertEquals(first.modelCalls(), second.cacheHits());
    JsonNode a = first.report().summary();
    JsonNode b = second.report().summary();
    assertEquals(a.get("metrics"), b.get("metrics"));
    JsonNode models = a.at("/provenance/models");
    assertEquals("CLOUD", models.get(1).get("kind").asText());
    assertTrue(models.get(1).get("decoding").asText().contains("max_tokens=4"));
    assertFalse(models.get(0).get("modelHash").asText().isEmpty());
    assertTrue(first.report().allMet());
  }
}
