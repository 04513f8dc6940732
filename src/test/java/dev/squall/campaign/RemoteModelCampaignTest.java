package dev.squall.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.squall.cli.SquallCli;
import dev.squall.world.ArithmeticWorld;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote score endpoint (a JDK HTTP server speaking the {@code squall} preset) as a campaign
 * model, through the real CLI and model provider. While {@link #failing} is set, the server
 * answers 400 for a known set of prompts: those calls come back as error results, are not cached
 * and get no row; the run exits 1 ("incomplete"), and a resume retries exactly those calls.
 */
class RemoteModelCampaignTest {
  @TempDir Path dir;
  HttpServer server;
  final AtomicBoolean failing = new AtomicBoolean(true);
  final AtomicLong requests = new AtomicLong();

  @BeforeEach
  void start() throws Exception {
    ArithmeticWorld world = new ArithmeticWorld();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/score", ex -> {
      requests.incrementAndGet();
      JsonNode body = Campaigns.JSON.readTree(ex.getRequestBody());
      String prompt = body.path("prompt").asText();
      byte[] out;
      int code;
      if (failing.get() && FakeModels.flipped(prompt)) {
        code = 400;
        out = "{\"error\":{\"message\":\"bad\"}}".getBytes(StandardCharsets.UTF_8);
      } else {
        code = 200;
        double r = world.judge(prompt, body.path("response").asText()).correct() ? 1 : 0;
        out = ("{\"reward\": " + r + "}").getBytes(StandardCharsets.UTF_8);
      }
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(code, out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aRemoteModelRunsAndFailedCallsAreRetriedOnResume() throws Exception {
    ObjectNode c = Campaigns.campaign(FakeModels.folder(dir, "oracle"), FakeModels.folder(dir, "oracle2"), 20, false);
    ObjectNode remote = Campaigns.JSON.createObjectNode();
    remote.put("type", "score_endpoint").put("name", "cloud").put("kind", "classic");
    remote.putObject("endpoint").put("base_url", "http://127.0.0.1:" + server.getAddress().getPort())
        .put("max_attempts", 1).put("timeout_ms", 5000);
    remote.putObject("score").put("preset", "squall");
    ((com.fasterxml.jackson.databind.node.ArrayNode) c.get("models")).set(1, remote);
    ((ObjectNode) c.get("thresholds").get(0)).put("min", 0.5);
    Path f = Campaigns.write(dir, "remote.json", c);
    Path run = dir.resolve("reports/run");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // the classic model is a fake; the remote one is the real HTTP client
    dev.squall.campaign.cli.CampaignCommands.modelProvider = (spec, batch) -> spec.remote().isPresent()
        ? dev.squall.campaign.run.ModelProvider.local().open(spec, batch)
        : FakeModels.provider(0).open(spec, batch);
    try {
      assertEquals(0, SquallCli.run(new PrintWriter(out), new PrintWriter(err), "validate", f.toString()), err.toString());
      int code = SquallCli.run(new PrintWriter(out), new PrintWriter(err), "run", f.toString(), "--out", run.toString(), "--quiet");
      assertEquals(1, code, err.toString() + out);
      assertTrue(err.toString().contains("without a result (model errors)"), err.toString());
      long firstRequests = requests.get();
      assertEquals(2 * 20 * 2, firstRequests);
      long rows = ResumeAfterKillTest.count(run.resolve("run.sqlite"), "SELECT COUNT(*) FROM results WHERE model = 'cloud'");
      assertTrue(rows > 0 && rows < 40, "rows " + rows);
      assertEquals("incomplete", ResumeAfterKillTest.metaStatus(run.resolve("run.sqlite")));
      JsonNode sum = Campaigns.JSON.readTree(run.resolve("summary.json").toFile());
      assertEquals(40 - rows, sum.get("failed_items").asLong());

      failing.set(false);
      requests.set(0);
      code = SquallCli.run(new PrintWriter(out), new PrintWriter(err), "run", "--resume", run.toString(), "--quiet");
      assertEquals(0, code, err.toString() + out);
      assertEquals(40, ResumeAfterKillTest.count(run.resolve("run.sqlite"), "SELECT COUNT(*) FROM results WHERE model = 'cloud'"));
      assertEquals(2 * (40 - rows), requests.get(), "only the failed items' requests are sent again");
      assertEquals("complete", ResumeAfterKillTest.metaStatus(run.resolve("run.sqlite")));
    } finally {
      dev.squall.campaign.cli.CampaignCommands.modelProvider = dev.squall.campaign.run.ModelProvider.local();
    }
  }

  @Test
  void aRemoteEntryWithAnUnknownTypeIsAConfigError() throws Exception {
    ObjectNode c = Campaigns.campaign(FakeModels.folder(dir, "oracle"), FakeModels.folder(dir, "oracle2"), 5, false);
    ((ObjectNode) c.get("models").get(1)).removeAll().put("name", "cloud").put("type", "telepathy");
    var e = org.junit.jupiter.api.Assertions.assertThrows(
        dev.squall.campaign.config.CampaignConfigException.class,
        () -> new dev.squall.campaign.config.CampaignParser(dir, java.util.Set.of()).parse("c", c));
    assertTrue(e.getMessage().contains("$.models[1].type: found string \"telepathy\"; allowed: one of [score_endpoint, judge, remote_critiques]"), e.getMessage());
    assertTrue(e.getMessage().contains("$.models[1].endpoint: found nothing"), e.getMessage());
  }
}
