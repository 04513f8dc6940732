package dev.squall.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.squall.ConfigException;
import dev.squall.rm.Cost;
import dev.squall.rm.CritiqueDecoding;
import dev.squall.rm.RewardModelKind;
import dev.squall.rm.ScoringRequest;
import dev.squall.rm.Usage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each remote model reports its endpoints' usage as named meters, with cost in the configured currency. */
class UsageMeteringTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static ResilientCaller caller(ScriptedTransport t, RemoteSettings s) {
    return new ResilientCaller(s.withRetry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1), 0, Duration.ofMillis(1))),
        t, Map.<String, String>of()::get, new FakeTime(), System::nanoTime);
  }

  @Test
  void judgeMetersChatTokensAndCost() {
    ScriptedTransport t = new ScriptedTransport(r -> ScriptedTransport.json(200, ScriptedTransport.chat("Score: 7")));
    try (JudgeRewardModel judge = new JudgeRewardModel("judge", new OpenAiChatClient(
        caller(t, RemoteSettings.of("http://127.0.0.1:9").withPrices(new Prices(3.0, 15.0, "EUR")))),
        JudgeRewardModel.DEFAULT_TEMPLATE, 1, 10, 16, 0)) {
      judge.scoreAll(List.of(ScoringRequest.of("q1", "r1"), ScoringRequest.of("q2", "r2"), ScoringRequest.of("q3", "r3")));
      Usage u = judge.meters().get(0);
      assertEquals("judge", u.meter());
      assertTrue(u.remote());
      assertEquals(3, u.requests());
      assertEquals(30, u.promptTokens()); // ScriptedTransport.chat reports 10 + 5 per call
      assertEquals(15, u.completionTokens());
      Cost c = u.cost().orElseThrow();
      assertEquals("EUR", c.currency());
      assertEquals((30 * 3.0 + 15 * 15.0) / 1e6, c.amount(), 1e-15);
    }
  }

  @Test
  void scoreEndpointMetersReportedUsageAndComposedCloudListsBothEndpoints() {
    // a vLLM-style pooling answer carries usage; the chat endpoint writes the critiques
    ScriptedTransport t = new ScriptedTransport(r -> r.url().endsWith("/score")
        ? ScriptedTransport.json(200, "{\"reward\": 0.5, \"usage\": {\"prompt_tokens\": 21, \"total_tokens\": 21}}")
        : ScriptedTransport.json(200, ScriptedTransport.chat("looks right")));
    ScoreEndpointRewardModel head = new ScoreEndpointRewardModel("head", RewardModelKind.CLOUD,
        caller(t, RemoteSettings.of("http://127.0.0.1:9")), ScoreEndpointSpec.preset("squall"));
    try (RemoteCritiqueCloudModel cloud = new RemoteCritiqueCloudModel("cloud",
        new OpenAiChatClient(caller(t, RemoteSettings.of("http://127.0.0.1:9").withPrices(new Prices(1.0, 2.0)))), head,
        CritiqueDecoding.defaults().withMaxTokens(8))) {
      cloud.scoreAll(List.of(ScoringRequest.of("q1", "r1"), ScoringRequest.of("q2", "r2")));
      List<Usage> m = cloud.meters();
      assertEquals(List.of("critiques", "reward:score"), m.stream().map(Usage::meter).toList());
      assertEquals(20, m.get(0).promptTokens());
      assertEquals(10, m.get(0).completionTokens());
      assertEquals(new Cost((20 * 1.0 + 10 * 2.0) / 1e6, "USD"), m.get(0).cost().orElseThrow());
      assertEquals(2, m.get(1).requests());
      assertEquals(42, m.get(1).promptTokens());
      assertFalse(m.get(1).cost().isPresent(), "the head's endpoint has no prices");
      assertEquals(m.get(1).withMeter("score"), head.meters().get(0));
    }
  }

  @Test
  void priceCurrencyIsReadAndChecked() throws Exception {
    RemoteSettings s = RemoteSettings.fromJson(JSON.readTree(
        "{\"base_url\":\"http://x\",\"price_input_per_1m\":0.5,\"price_output_per_1m\":1.5,\"price_currency\":\"EUR\"}"));
    assertEquals(new Prices(0.5, 1.5, "EUR"), s.prices().orElseThrow());
    assertEquals("USD", RemoteSettings.fromJson(JSON.readTree(
        "{\"base_url\":\"http://x\",\"price_input_per_1m\":0.5,\"price_output_per_1m\":1.5}")).prices().orElseThrow().currency());
    ConfigException e = assertThrows(ConfigException.class, () -> RemoteSettings.fromJson(JSON.readTree(
        "{\"base_url\":\"http://x\",\"price_input_per_1m\":0.5,\"price_output_per_1m\":1.5,\"price_currency\":\"$\"}")));
    assertTrue(e.getMessage().contains("'$'"), e.getMessage());
    assertThrows(ConfigException.class, () -> RemoteSettings.fromJson(JSON.readTree(
        "{\"base_url\":\"http://x\",\"price_currency\":\"EUR\"}")));
  }
}
