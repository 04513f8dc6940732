package dev.squall.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.campaign.cli.CampaignCommands;
import dev.squall.campaign.run.ModelProvider;
import dev.squall.cli.SquallCli;
import dev.squall.model.hf.ModelLayout;
import dev.squall.remote.HttpTransport;
import dev.squall.remote.JdkHttpTransport;
import dev.squall.remote.RemoteModels;
import dev.squall.rm.CritiqueDecoding;
import dev.squall.rm.local.TinyModelFolders;
import dev.squall.serve.ServeOptions;
import dev.squall.serve.SquallServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A campaign whose CLoud model is served by a real {@code squall serve} on loopback (critiques from
 * its chat API, priced; rewards from its {@code /score} with the critique given), run through the
 * CLI. The transport under the real clients adds up the {@code usage} the server put in its chat
 * answers: the run store, summary.json and report.html must show exactly those tokens, and the cost
 * must be tokens × price. The API key (read from a named environment variable, sent to the server)
 * must appear in no file of the run.
 */
class ServeUsageCampaignTest {
  static final String KEY = "sk-SQUALL-FAKE-usage-5d2a91c";
  static final String KEY_ENV = "SQUALL_USAGE_TEST_KEY";
  static final double PRICE_IN = 2.5;
  static final double PRICE_OUT = 10.0;

  @TempDir Path dir;

  /** Counts what went over the wire: chat answers' usage, score calls, and the Authorization header. */
  static final class WireCounter implements HttpTransport {
    final HttpTransport real = new JdkHttpTransport(Duration.ofSeconds(5));
    final AtomicLong chatCalls = new AtomicLong();
    final AtomicLong scoreCalls = new AtomicLong();
    final AtomicLong promptTokens = new AtomicLong();
    final AtomicLong completionTokens = new AtomicLong();
    final AtomicLong keySent = new AtomicLong();

    @Override
    public Response execute(Request request) {
      if (("Bearer " + KEY).equals(request.headers().get("Authorization"))) {
        keySent.incrementAndGet();
      }
      Response r = real.execute(request);
      if (r.status() == 200 && request.url().endsWith("/v1/chat/completions")) {
        try {
          JsonNode usage = Campaigns.JSON.readTree(r.body()).path("usage");
          chatCalls.incrementAndGet();
          promptTokens.addAndGet(usage.path("prompt_tokens").asLong());
          completionTokens.addAndGet(usage.path("completion_tokens").asLong());
        } catch (java.io.IOException e) {
          throw new AssertionError(e);
        }
      } else if (r.status() == 200 && request.url().endsWith("/score")) {
        scoreCalls.incrementAndGet();
      }
      return r;
    }
  }

  @AfterEach
  void restoreProvider() {
    CampaignCommands.modelProvider = ModelProvider.local();
  }

  @Test
  void usageEqualsWhatTheServerReportedCostIsTokensTimesPriceAndTheKeyStaysOut() throws Exception {
    Path cloudDir = dir.resolve("cloud-tiny");
    TinyModelFolders.write(cloudDir, ModelLayout.CLOUD_TEACHER, 12);
    WireCounter wire = new WireCounter();
    try (SquallServer server = SquallServer.start(ServeOptions.loopback(cloudDir)
        .withDecoding(CritiqueDecoding.defaults().withMaxTokens(6)))) {
      ObjectNode c = Campaigns.campaign(FakeModels.folder(dir, "oracle"), cloudDir, 6, false);
      ObjectNode remote = Campaigns.JSON.createObjectNode();
      remote.put("type", "remote_critiques").put("name", "cloud");
      remote.putObject("endpoint").put("base_url", server.baseUrl()).put("model", "cloud-tiny").put("api_key_env", KEY_ENV)
          .put("price_input_per_1m", PRICE_IN).put("price_output_per_1m", PRICE_OUT).put("price_currency", "USD")
          .put("timeout_ms", 30000);
      remote.putObject("decoding").put("max_tokens", 6).put("temperature", 0).put("samples", 1).put("seed", 0);
      ObjectNode head = remote.putObject("reward").put("type", "score_endpoint").put("kind", "cloud");
      head.putObject("endpoint").put("base_url", server.baseUrl()).put("api_key_env", KEY_ENV).put("timeout_ms", 30000);
      head.putObject("score").put("preset", "squall");
      ((ArrayNode) c.get("models")).set(1, remote);
      ((ObjectNode) c.get("thresholds").get(0)).put("min", 0.0);
      Path file = Campaigns.write(dir, "serve.json", c);
      Path run = dir.resolve("reports/run");
      Map<String, String> env = Map.of(KEY_ENV, KEY);
      CampaignCommands.modelProvider = (spec, batch) -> spec.remote().isPresent()
          ? RemoteModels.rewardModel(spec.remote().get(), wire, env::get) // the real clients over a counting transport
          : FakeModels.provider(0).open(spec, batch);
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = SquallCli.run(new PrintWriter(out), new PrintWriter(err), "run", file.toString(), "--out", run.toString(), "--quiet");
      assertEquals(0, code, err.toString() + out);

      long p = wire.promptTokens.get();
      long k = wire.completionTokens.get();
      assertTrue(wire.chatCalls.get() > 0 && p > 0 && k > 0, "the server reported usage: " + p + " + " + k);
      assertTrue(k <= 6 * wire.chatCalls.get(), "at most max_tokens per critique");
      assertTrue(wire.keySent.get() >= wire.chatCalls.get() + wire.scoreCalls.get(), "the key was sent with every call");
      double expectedCost = (p * PRICE_IN + k * PRICE_OUT) / 1_000_000.0;

      // 1. the run store
      Path db = run.resolve("run.sqlite");
      String critiques = " FROM usage WHERE model = 'cloud' AND meter = 'critiques'";
      assertEquals(p, ResumeAfterKillTest.count(db, "SELECT SUM(prompt_tokens)" + critiques));
      assertEquals(k, ResumeAfterKillTest.count(db, "SELECT SUM(completion_tokens)" + critiques));
      assertEquals(wire.chatCalls.get(), ResumeAfterKillTest.count(db, "SELECT SUM(requests)" + critiques));
      assertEquals(wire.scoreCalls.get(),
          ResumeAfterKillTest.count(db, "SELECT SUM(requests) FROM usage WHERE model = 'cloud' AND meter = 'reward:score'"));
      assertEquals(Math.round(expectedCost * 1e12), ResumeAfterKillTest.count(db, "SELECT ROUND(SUM(cost) * 1e12)" + critiques));

      // 2. summary.json
      JsonNode summary = Campaigns.JSON.readTree(run.resolve("summary.json").toFile());
      JsonNode models = summary.at("/usage/models");
      assertEquals("classic", models.get(0).get("model").asText());
      assertEquals("local", models.get(0).get("where").asText());
      JsonNode cloud = models.get(1);
      assertEquals("cloud", cloud.get("model").asText());
      assertEquals("remote", cloud.get("where").asText());
      assertEquals(p, cloud.get("prompt_tokens").asLong(), "the score endpoint of squall serve reports no tokens");
      assertEquals(k, cloud.get("completion_tokens").asLong());
      assertEquals(p + k, cloud.get("total_tokens").asLong());
      assertEquals(0, cloud.get("failed_calls").asLong());
      assertEquals(expectedCost, cloud.get("cost").asDouble(), 1e-12);
      assertEquals("USD", cloud.get("currency").asText());
      assertEquals(List.of("critiques", "reward:score"),
          Stream.of(cloud.get("meters").get(0), cloud.get("meters").get(1)).map(m -> m.get("meter").asText()).toList());
      assertEquals(expectedCost, cloud.at("/meters/0/cost").asDouble(), 1e-12);
      assertTrue(cloud.at("/meters/1/cost").isNull(), "no prices on the reward endpoint");
      assertEquals(expectedCost, summary.at("/usage/cost_total/USD").asDouble(), 1e-12);

      // 3. report.html: the usage table with the server's counts
      String html = Files.readString(run.resolve("report.html"));
      assertTrue(html.contains("id=\"usage-table\""));
      assertTrue(html.contains(String.format(Locale.ROOT, "%,d", p)), "prompt tokens shown");
      assertTrue(html.contains(String.format(Locale.ROOT, "%.6f USD", expectedCost)), "cost shown");

      // 4. a resume with nothing left to do adds nothing
      code = SquallCli.run(new PrintWriter(out), new PrintWriter(err), "run", "--resume", run.toString(), "--quiet");
      assertEquals(0, code, err.toString() + out);
      assertEquals(p, Campaigns.JSON.readTree(run.resolve("summary.json").toFile()).at("/usage/models/1/prompt_tokens").asLong());

      // 5. the key: sent to the server, but in no file of the run, the cache, or the output
      List<Path> files;
      try (Stream<Path> s = Files.walk(dir.resolve("reports"))) {
        files = s.filter(Files::isRegularFile).toList();
      }
      assertTrue(files.stream().anyMatch(f -> f.endsWith("run.sqlite")) && files.size() >= 6, files.toString());
      for (Path f : files) {
        String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertFalse(bytes.contains(KEY), "key leaked into " + f);
      }
      assertFalse((out.toString() + err).contains(KEY), "key leaked into the CLI output");
      assertTrue(summary.toString().contains(KEY_ENV), "the variable's name is provenance; its value is not");
    }
  }
}
