package dev.squall.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.squall.ConfigException;
import dev.squall.rm.RewardModelKind;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Score endpoint presets (vLLM pooling/classify, TEI predict), JSON paths and config parsing. */
class EndpointSpecTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  @Test
  void jsonPaths() throws Exception {
    JsonNode vllm = json("{\"data\":[{\"index\":0,\"data\":[0.25]}]}");
    assertEquals(0.25, JsonPath.parse("$.data[0].data[0]").number(vllm));
    JsonNode tei = json("[{\"score\":0.9,\"label\":\"LABEL_0\"}]");
    assertEquals(0.9, JsonPath.parse("0.score").number(tei));
    assertEquals(0.9, JsonPath.parse("$[0].score").number(tei));
    assertThrows(IllegalArgumentException.class, () -> JsonPath.parse("$.data[1].score").number(vllm));
    assertThrows(IllegalArgumentException.class, () -> JsonPath.parse("$"));
  }

  @Test
  void templatesInsertTextSafely() throws Exception {
    ScoringRequest r = ScoringRequest.of("say \"hi\"\n{", "ok}\\");
    JsonNode tei = ScoreEndpointSpec.preset("tei_predict").render(r, "m");
    assertEquals("say \"hi\"\n{\n\nok}\\", tei.get("inputs").asText());
    JsonNode pool = ScoreEndpointSpec.preset("vllm_pooling").render(r, "rm-8b");
    assertEquals("rm-8b", pool.get("model").asText());
    JsonNode squall = ScoreEndpointSpec.preset("squall").render(r, "m");
    assertFalse(squall.has("critique"), "no critique field without a critique");
    assertEquals("c", ScoreEndpointSpec.preset("squall").render(r.withCritique("c"), "m").get("critique").asText());
    assertThrows(ConfigException.class, () -> ScoreEndpointSpec.preset("nope"));
  }

  @Test
  void customSpecFromConfig() throws Exception {
    ScoreEndpointSpec s = ScoreEndpointSpec.fromJson(json(
        "{\"preset\":\"vllm_classify\",\"path\":\"/v1/classify\",\"response_path\":\"$.data[0].probs[1]\"}"));
    assertEquals("/v1/classify", s.path());
    assertEquals(0.7, s.responsePath().number(json("{\"data\":[{\"probs\":[0.3,0.7]}]}")));
  }

  @Test
  void vllmAndTeiStyleServersThroughTheModel() {
    for (String preset : List.of("vllm_pooling", "vllm_classify", "tei_predict")) {
      ScriptedTransport t = new ScriptedTransport(r -> {
        int len = r.body().length();
        return ScriptedTransport.json(200, switch (preset) {
          case "vllm_pooling" -> "{\"data\":[{\"index\":0,\"data\":[" + len + "]}]}";
          case "vllm_classify" -> "{\"data\":[{\"index\":0,\"probs\":[" + len + ",0]}]}";
          default -> "[{\"score\":" + len + ",\"label\":\"LABEL_0\"}]";
        });
      });
      ResilientCaller c = new ResilientCaller(RemoteSettings.of("http://127.0.0.1:9"), t, Map.<String, String>of()::get,
          new FakeTime(), System::nanoTime);
      try (ScoreEndpointRewardModel m = new ScoreEndpointRewardModel(preset, RewardModelKind.REMOTE, c, ScoreEndpointSpec.preset(preset))) {
        List<RewardResult> rs = m.scoreAll(List.of(ScoringRequest.of("a", "b"), ScoringRequest.of("a", "bbbb")));
        assertEquals(3, rs.get(1).reward() - rs.get(0).reward(), 1e-9, preset);
        assertTrue(t.requests.get(0).url().endsWith(ScoreEndpointSpec.preset(preset).path()));
      }
    }
  }

  @Test
  void settingsFromConfig() throws Exception {
    RemoteSettings s = RemoteSettings.fromJson(json(
        "{\"base_url\":\"http://127.0.0.1:8000/\",\"model\":\"rm\",\"api_key_env\":\"OPENAI_API_KEY\",\"timeout_ms\":1500,"
            + "\"max_attempts\":3,\"max_concurrency\":32,\"price_input_per_1m\":0.5,\"price_output_per_1m\":1.5}"));
    assertEquals("http://127.0.0.1:8000", s.baseUrl());
    assertEquals("OPENAI_API_KEY", s.apiKeyEnv().orElseThrow());
    assertEquals(3, s.retry().maxAttempts());
    assertEquals(32, s.maxConcurrency());
    assertEquals(1.5, s.prices().orElseThrow().outputPer1M());
    ConfigException e = assertThrows(ConfigException.class, () -> RemoteSettings.fromJson(json("{\"base_url\":\"http://x\",\"api_key\":\"sk-123\"}")));
    assertTrue(e.getMessage().contains("'api_key'") && !e.getMessage().contains("sk-123"), e.getMessage());
    assertThrows(ConfigException.class, () -> RemoteSettings.fromJson(json("{\"base_url\":\"http://x\",\"price_input_per_1m\":1}")));
  }

  @Test
  void modelsFromCampaignEntries() throws Exception {
    ScriptedTransport t = new ScriptedTransport(r -> ScriptedTransport.json(200, r.url().endsWith("/score")
        ? "{\"reward\": 0.5}" : ScriptedTransport.chat("fine. Score: 6")));
    Map<String, String> env = Map.of("RM_KEY", "k-123");
    String ep = "\"endpoint\":{\"base_url\":\"http://127.0.0.1:9\",\"api_key_env\":\"RM_KEY\"}";
    try (var m = RemoteModels.rewardModel(json("{\"type\":\"score_endpoint\",\"name\":\"rm\",\"kind\":\"classic\"," + ep + "}"), t, env::get)) {
      assertEquals(RewardModelKind.CLASSIC, m.info().kind());
      assertEquals(0.5, m.score("p", "r").reward());
    }
    try (var m = RemoteModels.rewardModel(json("{\"type\":\"judge\",\"name\":\"j\"," + ep + ",\"judge\":{\"max\":10}}"), t, env::get)) {
      assertEquals(6.0, m.score("p", "r").reward());
    }
    try (var m = RemoteModels.rewardModel(json("{\"type\":\"remote_critiques\",\"name\":\"c\"," + ep
        + ",\"decoding\":{\"max_tokens\":16},\"reward\":{\"type\":\"score_endpoint\"," + ep + "}}"), t, env::get)) {
      RewardResult r = m.score("p", "r");
      assertEquals(0.5, r.reward());
      assertEquals("fine. Score: 6", r.critique());
      assertEquals(RewardModelKind.CLOUD, m.info().kind());
    }
    assertTrue(t.requests.stream().allMatch(r -> "Bearer k-123".equals(r.headers().get("Authorization"))));
    ConfigException e = assertThrows(ConfigException.class,
        () -> RemoteModels.rewardModel(json("{\"type\":\"judge\"," + ep + "}"), t, Map.<String, String>of()::get));
    assertTrue(e.getMessage().contains("RM_KEY"), e.getMessage());
    assertThrows(ConfigException.class, () -> RemoteModels.rewardModel(json("{\"type\":\"magic\"}"), t, env::get));
  }
}
