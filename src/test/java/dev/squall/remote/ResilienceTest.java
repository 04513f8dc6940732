package dev.squall.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.rm.RewardModelKind;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Retries, Retry-After, back-off, error classification, circuit breaker and AIMD, with fake time. */
class ResilienceTest {
  static final Map<String, String> NO_ENV = Map.of();

  static ResilientCaller caller(RemoteSettings s, HttpTransport t, FakeTime time) {
    return new ResilientCaller(s, t, NO_ENV::get, time, time::now);
  }

  static RemoteSettings settings() {
    return RemoteSettings.of("http://127.0.0.1:9")
        .withRetry(new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(2), 0.5, Duration.ofSeconds(30)));
  }

  @Test
  void honoursRetryAfterOn429() {
    AtomicInteger n = new AtomicInteger();
    ScriptedTransport t = new ScriptedTransport(r -> n.incrementAndGet() <= 2
        ? ScriptedTransport.json(429, "{\"error\":\"slow down\"}", "3")
        : ScriptedTransport.json(200, "{\"reward\": 1.5}"));
    FakeTime time = new FakeTime();
    try (ResilientCaller c = caller(settings(), t, time)) {
      double v = c.postJson("/score", Map.of(), j -> j.get("reward").asDouble());
      assertEquals(1.5, v);
      assertEquals(List.of(Duration.ofSeconds(3), Duration.ofSeconds(3)), time.sleeps);
      assertEquals(2, c.usage().retries());
      assertEquals(1, c.usage().requests());
    }
  }

  @Test
  void exponentialBackoffWithSeededJitterWithinBounds() {
    ScriptedTransport t = new ScriptedTransport(r -> ScriptedTransport.json(503, "down"));
    FakeTime a = new FakeTime();
    FakeTime b = new FakeTime();
    try (ResilientCaller c1 = caller(settings(), t, a); ResilientCaller c2 = caller(settings(), t, b)) {
      RemoteException e = assertThrows(RemoteException.class, () -> c1.postJson("/x", Map.of(), j -> j));
      assertThrows(RemoteException.class, () -> c2.postJson("/x", Map.of(), j -> j));
      assertEquals("http_503", e.kind());
      assertEquals(4, e.attempts());
      assertEquals(3, a.sleeps.size());
      assertEquals(a.sleeps, b.sleeps, "same seed, same jitter");
      for (int k = 0; k < 3; k++) {
        long max = 100L << k;
        long ms = a.sleeps.get(k).toMillis();
        assertTrue(ms >= max / 2 && ms <= max, "attempt " + (k + 1) + " waited " + ms + " ms");
      }
    }
  }

  @Test
  void nonRetriableStatusesAreNotRetried() {
    ScriptedTransport t = new ScriptedTransport(r -> ScriptedTransport.json(400, "{\"error\":\"bad\"}"));
    FakeTime time = new FakeTime();
    try (ResilientCaller c = caller(settings(), t, time)) {
      RemoteException e = assertThrows(RemoteException.class, () -> c.postJson("/x", Map.of(), j -> j));
      assertFalse(e.retriable());
      assertEquals(1, t.requests.size());
      assertTrue(time.sleeps.isEmpty());
    }
    assertTrue(RemoteException.forStatus(408, "u", "", java.util.Optional.empty()).retriable());
    assertTrue(RemoteException.forStatus(502, "u", "", java.util.Optional.empty()).retriable());
    assertFalse(RemoteException.forStatus(401, "u", "", java.util.Optional.empty()).retriable());
    assertEquals("auth", RemoteException.forStatus(403, "u", "", java.util.Optional.empty()).kind());
  }

  @Test
  void malformedBodyIsRetried() {
    AtomicInteger n = new AtomicInteger();
    ScriptedTransport t = new ScriptedTransport(r -> n.incrementAndGet() == 1
        ? ScriptedTransport.json(200, "{\"reward\": ")
        : ScriptedTransport.json(200, "{\"reward\": 2}"));
    try (ResilientCaller c = caller(settings(), t, new FakeTime())) {
      assertEquals(2.0, c.postJson("/x", Map.of(), j -> j.get("reward").asDouble()));
      assertEquals(2, t.requests.size());
    }
  }

  @Test
  void finalFailureIsAnErrorResultNotAReward() {
    ScriptedTransport t = new ScriptedTransport(r -> ScriptedTransport.json(500, "boom"));
    try (ScoreEndpointRewardModel m = new ScoreEndpointRewardModel("x", RewardModelKind.REMOTE,
        caller(settings(), t, new FakeTime()), ScoreEndpointSpec.preset("squall"))) {
      RewardResult r = m.score(ScoringRequest.of("p", "r"));
      assertTrue(r.isError());
      assertTrue(Double.isNaN(r.reward()));
      assertEquals("http_500", r.error().get().kind());
      assertEquals(4, r.error().get().attempts());
      assertEquals(1, m.usage().failedCalls());
    }
  }

  @Test
  void circuitBreakerOpensFailsFastAndRecoversAfterCoolDown() {
    AtomicInteger healthy = new AtomicInteger(0);
    ScriptedTransport t = new ScriptedTransport(r -> healthy.get() == 1
        ? ScriptedTransport.json(200, "{\"reward\": 1}")
        : ScriptedTransport.json(503, "down"));
    FakeTime time = new FakeTime();
    RemoteSettings s = settings().withRetry(new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10), 0, Duration.ofSeconds(1)))
        .withBreaker(3, Duration.ofSeconds(10));
    try (ResilientCaller c = caller(s, t, time)) {
      for (int i = 0; i < 3; i++) {
        assertThrows(RemoteException.class, () -> c.postJson("/x", Map.of(), j -> j));
      }
      assertEquals(CircuitBreaker.State.OPEN, c.breaker().state());
      RemoteException fast = assertThrows(RemoteException.class, () -> c.postJson("/x", Map.of(), j -> j));
      assertEquals("circuit_open", fast.kind());
      assertEquals(3, t.requests.size(), "open circuit sends nothing");
      time.advance(Duration.ofSeconds(11));
      assertEquals(CircuitBreaker.State.HALF_OPEN, c.breaker().state());
      // the probe fails: open again
      assertThrows(RemoteException.class, () -> c.postJson("/x", Map.of(), j -> j));
      assertEquals(CircuitBreaker.State.OPEN, c.breaker().state());
      time.advance(Duration.ofSeconds(11));
      healthy.set(1);
      assertEquals(1.0, c.postJson("/x", Map.of(), j -> j.get("reward").asDouble()));
      assertEquals(CircuitBreaker.State.CLOSED, c.breaker().state());
    }
  }

  @Test
  void retryWaitsOutAnOpenCircuit() {
    AtomicInteger n = new AtomicInteger();
    ScriptedTransport t = new ScriptedTransport(r -> n.incrementAndGet() <= 2
        ? ScriptedTransport.json(503, "down") : ScriptedTransport.json(200, "{\"reward\": 3}"));
    FakeTime time = new FakeTime();
    RemoteSettings s = settings().withRetry(new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(10), 0, Duration.ofSeconds(60)))
        .withBreaker(2, Duration.ofSeconds(7));
    try (ResilientCaller c = caller(s, t, time)) {
      assertEquals(3.0, c.postJson("/x", Map.of(), j -> j.get("reward").asDouble()));
      // 503, 503 (opens the circuit), circuit_open -> waits out the rest of the 7 s cool-down, probe succeeds
      assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(6990)), time.sleeps);
      assertEquals(3, t.requests.size());
    }
  }

  @Test
  void aimdGrowsOnSuccessAndHalvesOnOverload() {
    AimdLimiter l = new AimdLimiter(4, 1, 16, 0.5);
    for (int i = 0; i < 40; i++) {
      acquire(l);
      l.release(AimdLimiter.Outcome.SUCCESS);
    }
    assertTrue(l.limit() > 8, "additive increase: " + l.limit());
    double before = l.limit();
    acquire(l);
    l.release(AimdLimiter.Outcome.OVERLOAD);
    assertEquals(before * 0.5, l.limit(), 1e-9);
    for (int i = 0; i < 20; i++) {
      acquire(l);
      l.release(AimdLimiter.Outcome.OVERLOAD);
    }
    assertEquals(1.0, l.limit(), 1e-9, "floored at min");
  }

  private static void acquire(AimdLimiter l) {
    try {
      l.acquire();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void usageAndCostAccumulate() {
    ScriptedTransport t = new ScriptedTransport(r -> ScriptedTransport.json(200, ScriptedTransport.chat("Score: 7")));
    RemoteSettings s = settings().withPrices(new Prices(2.0, 10.0));
    try (ResilientCaller c = caller(s, t, new FakeTime())) {
      OpenAiChatClient chat = new OpenAiChatClient(c);
      for (int i = 0; i < 4; i++) {
        chat.complete(ChatCall.of(List.of(dev.squall.text.ChatMessage.user("hi")), 8, 0, i));
      }
      TokenUsage u = c.usage();
      assertEquals(4, u.requests());
      assertEquals(40, u.promptTokens());
      assertEquals(20, u.completionTokens());
      assertEquals((40 * 2.0 + 20 * 10.0) / 1e6, u.cost().orElseThrow(), 1e-15);
    }
  }

  @Test
  void retryAfterHttpDateAndCap() {
    var r = ScriptedTransport.json(429, "", "120");
    assertEquals(Duration.ofSeconds(120), ResilientCaller.retryAfter(r).orElseThrow());
    RetryPolicy p = settings().retry();
    assertEquals(Duration.ofSeconds(30), p.delay(1, java.util.Optional.of(Duration.ofSeconds(120)), new java.util.SplittableRandom(1)));
  }
}
