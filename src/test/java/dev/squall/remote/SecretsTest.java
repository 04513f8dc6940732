package dev.squall.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.ConfigException;
import dev.squall.rm.CritiqueDecoding;
import dev.squall.rm.RewardModelKind;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * An API key named by api_key_env reaches the Authorization header and nothing else: not
 * exceptions (even when the server echoes it), results, provenance, usage meters, toString()s or
 * logs. {@code dev.squall.campaign.ServeUsageCampaignTest} checks the run directory's files.
 */
class SecretsTest {
  static final String KEY = "sk-SQUALL-FAKE-7c1e9b2d4f";
  static final Map<String, String> ENV = Map.of("SQUALL_TEST_KEY", KEY);

  @Test
  void keyNeverLeaks() throws Exception {
    StringBuilder seen = new StringBuilder();
    AtomicInteger calls = new AtomicInteger();
    // a hostile server: echoes the Authorization header back in error bodies
    ScriptedTransport t = new ScriptedTransport(r -> {
      String auth = r.headers().get("Authorization");
      assertEquals("Bearer " + KEY, auth, "the key is sent");
      int n = calls.incrementAndGet();
      if (n % 3 == 0) {
        return ScriptedTransport.json(401, "{\"error\":\"bad key " + auth + "\"}");
      }
      if (n % 3 == 1) {
        return ScriptedTransport.json(500, "{\"error\":\"trace: Authorization: " + auth + "\"}");
      }
      return ScriptedTransport.json(200, ScriptedTransport.chat("Score: 5 (your key was " + auth + ")"));
    });
    RemoteSettings s = RemoteSettings.of("http://127.0.0.1:9").withApiKeyEnv("SQUALL_TEST_KEY")
        .withRetry(new RetryPolicy(2, java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(1), 0, java.time.Duration.ofMillis(1)));

    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    StringBuilder logs = new StringBuilder();
    Handler h = new Handler() {
      @Override
      public void publish(LogRecord rec) {
        logs.append(rec.getMessage()).append('\n');
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger root = Logger.getLogger("");
    root.addHandler(h);
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (ResilientCaller c = new ResilientCaller(s, t, ENV::get, new FakeTime(), System::nanoTime)) {
      OpenAiChatClient chat = new OpenAiChatClient(c);
      JudgeRewardModel judge = new JudgeRewardModel("judge", chat, JudgeRewardModel.DEFAULT_TEMPLATE, 1, 10, 16, 0);
      ScoreEndpointRewardModel score = new ScoreEndpointRewardModel("s", RewardModelKind.REMOTE, c, ScoreEndpointSpec.preset("squall"));
      RemoteCritiqueCloudModel cloud = new RemoteCritiqueCloudModel("c", chat, score, CritiqueDecoding.defaults().withMaxTokens(8));
      RemotePolicy policy = new RemotePolicy("p", chat, 8);
      List<ScoringRequest> reqs = List.of(ScoringRequest.of("q1", "r1"), ScoringRequest.of("q2", "r2"), ScoringRequest.of("q3", "r3"));
      for (RewardResult r : judge.scoreAll(reqs)) {
        seen.append(r).append(r.error()).append(r.critiques());
      }
      for (RewardResult r : score.scoreAll(reqs)) {
        seen.append(r).append(r.provenance());
      }
      for (RewardResult r : cloud.scoreAll(reqs)) {
        seen.append(r);
      }
      for (int i = 0; i < 4; i++) {
        try {
          seen.append(policy.sample("q", 2, 1.0, i));
        } catch (RemoteException e) {
          seen.append(e).append(e.getMessage());
          StringWriter sw = new StringWriter();
          e.printStackTrace(new PrintWriter(sw));
          seen.append(sw);
        }
      }
      for (int i = 0; i < 4; i++) {
        try {
          c.postJson("/score", Map.of(), j -> j.get("nope").asDouble());
        } catch (RuntimeException e) {
          StringWriter sw = new StringWriter();
          e.printStackTrace(new PrintWriter(sw));
          seen.append(sw).append(c.toError(e));
        }
      }
      seen.append(s).append(c).append(judge.info()).append(cloud.info()).append(score.info()).append(c.usage())
          .append(judge.meters()).append(cloud.meters()).append(score.meters()).append(c.usage("chat"));
      seen.append(ApiKey.fromEnv("SQUALL_TEST_KEY", ENV::get));
      seen.append(HttpTransport.Request.postJson("http://x", "{}", java.time.Duration.ofSeconds(1), Map.of("Authorization", "Bearer " + KEY)));
      System.out.println(seen); // everything printed goes to the captured stream too
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
      root.removeHandler(h);
    }
    assertTrue(calls.get() > 10, "the fake server was called");
    assertTrue(seen.toString().contains("***") || seen.toString().contains("Score"), "something was produced");
    assertFalse(seen.toString().contains(KEY), "key leaked into results/exceptions/toString");
    assertFalse(captured.toString(StandardCharsets.UTF_8).contains(KEY), "key leaked into stdout/stderr");
    assertFalse(logs.toString().contains(KEY), "key leaked into logs");
  }

  @Test
  void missingVariableIsNamedNotValued() {
    ConfigException e = assertThrows(ConfigException.class, () -> ApiKey.fromEnv("NOPE_KEY", Map.<String, String>of()::get));
    assertTrue(e.getMessage().contains("NOPE_KEY"));
    assertTrue(ApiKey.fromEnv("SQUALL_TEST_KEY", ENV::get).toString().contains("SQUALL_TEST_KEY"));
  }
}
