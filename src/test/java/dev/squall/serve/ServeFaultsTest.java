package dev.squall.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.squall.cli.SquallCli;
import dev.squall.remote.ResilientCaller;
import dev.squall.remote.ScoreEndpointRewardModel;
import dev.squall.remote.ScoreEndpointSpec;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardModelKind;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringRequest;
import dev.squall.rm.local.LoadOptions;
import dev.squall.rm.local.LocalModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults, concurrency limits and HTTP errors against a real {@code squall serve}. */
class ServeFaultsTest {
  @TempDir static Path root;
  static Path classicDir;
  static List<ScoringRequest> items;
  static List<RewardResult> local;

  @BeforeAll
  static void setUp() {
    classicDir = ServeFixtures.classic(root);
    items = ServeFixtures.items(100);
    try (RewardModel m = LocalModels.loadRewardModel(classicDir, LoadOptions.defaults())) {
      local = m.scoreAll(items);
    }
  }

  @Test
  void twentyPercentFaultsEveryItemAccountedFor() {
    FaultInjector faults = new FaultInjector(0.2, 20, 42);
    try (SquallServer s = SquallServer.start(ServeOptions.loopback(classicDir).withFaults(faults));
        ScoreEndpointRewardModel remote = new ScoreEndpointRewardModel(
            "classic@faulty", RewardModelKind.CLASSIC, ServeFixtures.caller(s.baseUrl(), 6, 4, 8), ScoreEndpointSpec.preset("squall"))) {
      List<RewardResult> got = remote.scoreAll(items);
      assertEquals(100, got.size());
      int scored = 0;
      for (int i = 0; i < 100; i++) {
        RewardResult r = got.get(i);
        if (r.isError()) {
          assertTrue(Double.isNaN(r.reward()), "an error carries no reward");
        } else {
          scored++;
          assertEquals(local.get(i).reward(), r.reward(), 1e-5 * Math.max(1, Math.abs(r.reward())), "item " + i);
        }
      }
      assertTrue(scored >= 95, "retries bring most items through: " + scored);
      assertTrue(remote.usage().retries() >= 5, "faults were hit and retried: " + remote.usage());
      assertEquals(100 - scored, remote.usage().failedCalls());
    }
  }

  @Test
  void faultKindsAreSeededAndAllOccur() {
    FaultInjector a = new FaultInjector(0.5, 10, 7);
    FaultInjector b = new FaultInjector(0.5, 10, 7);
    Map<FaultInjector.Fault, Integer> counts = new EnumMap<>(FaultInjector.Fault.class);
    for (int i = 0; i < 2000; i++) {
      FaultInjector.Fault f = a.next();
      assertEquals(f, b.next());
      counts.merge(f, 1, Integer::sum);
    }
    assertEquals(FaultInjector.Fault.values().length, counts.size(), counts.toString());
    assertTrue(Math.abs(counts.get(FaultInjector.Fault.NONE) - 1000) < 120, counts.toString());
  }

  @Test
  void aimdBoundsInFlightRequestsAtTheServer() {
    try (SquallServer s = SquallServer.start(ServeOptions.loopback(classicDir))) {
      ResilientCaller c = ServeFixtures.caller(s.baseUrl(), 3, 2, 3);
      try (ScoreEndpointRewardModel remote =
          new ScoreEndpointRewardModel("c", RewardModelKind.CLASSIC, c, ScoreEndpointSpec.preset("squall"))) {
        s.resetStats();
        List<RewardResult> got = remote.scoreAll(items.subList(0, 60));
        assertTrue(got.stream().noneMatch(RewardResult::isError));
        assertTrue(s.maxInFlight() <= 3, "server saw " + s.maxInFlight() + " in flight; limit max 3");
        assertTrue(c.limiter().maxInFlight() <= 3);
        assertTrue(s.maxInFlight() >= 2, "requests did run concurrently: " + s.maxInFlight());
        assertEquals(3.0, c.limiter().limit(), 1e-9, "additive increase reached the max");
      }
    }
  }

  @Test
  void overloadShrinksTheLimit() {
    // every request is a 429: the limit collapses multiplicatively to 1
    try (SquallServer s = SquallServer.start(ServeOptions.loopback(classicDir).withFaults(new FaultInjector(1.0, 0, 3)))) {
      ResilientCaller c = ServeFixtures.caller(s.baseUrl(), 2, 8, 8);
      try (ScoreEndpointRewardModel remote =
          new ScoreEndpointRewardModel("c", RewardModelKind.CLASSIC, c, ScoreEndpointSpec.preset("squall"))) {
        List<RewardResult> got = remote.scoreAll(items.subList(0, 20));
        assertTrue(got.stream().allMatch(RewardResult::isError));
        assertTrue(c.limiter().limit() < 8, "limit after overload: " + c.limiter().limit());
      }
    }
  }

  @Test
  void httpErrorsAreJson() throws Exception {
    try (SquallServer s = SquallServer.start(ServeOptions.loopback(classicDir).withMaxBodyBytes(1000))) {
      HttpClient http = HttpClient.newHttpClient();
      ObjectMapper json = new ObjectMapper();
      Object[][] cases = {
        {"POST", "/nope", "{}", 404},
        {"POST", "/score", "{not json", 400},
        {"POST", "/score", "{\"prompt\":\"p\"}", 400},
        {"POST", "/score", "{\"prompt\":\"p\",\"response\":7}", 400},
        {"POST", "/score", "{\"prompt\":\"" + "x".repeat(2000) + "\",\"response\":\"r\"}", 413},
        {"GET", "/score", "", 405},
        {"POST", "/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 400},
      };
      for (Object[] c : cases) {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + c[1]))
            .method((String) c[0], HttpRequest.BodyPublishers.ofString((String) c[2])).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(c[3], r.statusCode(), c[0] + " " + c[1] + ": " + r.body());
        JsonNode err = json.readTree(r.body()).get("error");
        assertTrue(err.get("message").asText().length() > 3, r.body());
      }
      HttpResponse<String> batch = http.send(HttpRequest.newBuilder(URI.create(s.baseUrl() + "/score"))
          .POST(HttpRequest.BodyPublishers.ofString(
              "{\"items\":[{\"prompt\":\"What is 12 + 30?\",\"response\":\"The answer is 42.\"},{\"prompt\":\"Say hello.\",\"response\":\"Hello!\"}]}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, batch.statusCode());
      JsonNode results = json.readTree(batch.body()).get("results");
      assertEquals(local.get(0).reward(), results.get(0).get("reward").asDouble(), 1e-5 * Math.max(1, Math.abs(local.get(0).reward())));
      assertEquals(local.get(3).reward(), results.get(1).get("reward").asDouble(), 1e-5 * Math.max(1, Math.abs(local.get(3).reward())));
    }
  }

  @Test
  void serveCommandIsRegistered() {
    StringWriter out = new StringWriter();
    int code = SquallCli.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "serve", "--help");
    assertEquals(0, code);
    assertTrue(out.toString().contains("--fault-rate"), out.toString());
  }
}
