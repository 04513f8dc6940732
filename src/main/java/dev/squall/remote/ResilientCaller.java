package dev.squall.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.squall.rm.ScoringError;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Sends JSON requests to one remote model with everything resilience needs in one place: a
 * per-request timeout, retries with exponential back-off and seeded jitter honouring Retry-After,
 * an AIMD concurrency limit, a circuit breaker, usage accounting, and a fixed thread pool for
 * batches. A malformed response body counts as a retriable failure. Thread-safe; {@link #close()}
 * stops the pool (the transport is closed by its owner).
 */
public final class ResilientCaller implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RemoteSettings settings;
  private final HttpTransport transport;
  private final Optional<ApiKey> apiKey;
  private final Sleeper sleeper;
  private final AimdLimiter limiter;
  private final CircuitBreaker breaker;
  private final UsageMeter usage;
  private final SplittableRandom rng;
  private final ExecutorService pool;

  /**
   * @param env reads environment variables (normally {@code System::getenv}); the key named by
   *     {@code api_key_env} is resolved once, here
   */
  public ResilientCaller(
      RemoteSettings settings, HttpTransport transport, Function<String, String> env, Sleeper sleeper, LongSupplier nanoTime) {
    this.settings = settings;
    this.transport = transport;
    this.apiKey = ApiKey.optional(settings.apiKeyEnv(), env);
    this.sleeper = sleeper;
    this.limiter = new AimdLimiter(settings.initialConcurrency(), 1, settings.maxConcurrency(), settings.aimdDecrease());
    this.breaker = new CircuitBreaker(settings.breakerFailures(), settings.breakerCoolDown(), nanoTime);
    this.usage = new UsageMeter(settings.prices());
    this.rng = new SplittableRandom(settings.seed());
    this.pool =
        Executors.newFixedThreadPool(
            settings.maxConcurrency(),
            r -> {
              Thread t = new Thread(r, "squall-remote");
              t.setDaemon(true);
              return t;
            });
  }

  /** A caller over the JDK HTTP client, the real environment, clock and sleep. */
  public static ResilientCaller create(RemoteSettings settings, HttpTransport transport) {
    return new ResilientCaller(settings, transport, System::getenv, Sleeper.SYSTEM, System::nanoTime);
  }

  public RemoteSettings settings() {
    return settings;
  }

  public TokenUsage usage() {
    return usage.snapshot();
  }

  /** This endpoint's usage as a {@link dev.squall.rm.Usage} named {@code meter}. */
  public dev.squall.rm.Usage usage(String meter) {
    return usage.usage(meter);
  }

  UsageMeter meter() {
    return usage;
  }

  public AimdLimiter limiter() {
    return limiter;
  }

  public CircuitBreaker breaker() {
    return breaker;
  }

  /**
   * POSTs {@code body} to {@code baseUrl + path} and parses the JSON answer with {@code parse};
   * retries retriable failures (including a body {@code parse} rejects).
   *
   * @throws RemoteException the last failure, once retries are spent or on a non-retriable one
   */
  public <T> T postJson(String path, Object body, Function<JsonNode, T> parse) {
    String url = settings.baseUrl() + path;
    String text;
    try {
      text = JSON.writeValueAsString(body);
    } catch (Exception e) {
      throw new RemoteException.NonRetriable("encode", 0, "cannot encode request for " + url, null);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    apiKey.ifPresent(k -> headers.put("Authorization", k.bearer()));
    HttpTransport.Request request = HttpTransport.Request.postJson(url, text, settings.timeout(), headers);
    int max = settings.retry().maxAttempts();
    for (int attempt = 1; ; attempt++) {
      RemoteException failure;
      if (!breaker.tryAcquire()) {
        // fail fast without a request; a retry waits out the cool-down (as a Retry-After would)
        failure = new RemoteException.Retriable("circuit_open", 0, "circuit open for " + settings.baseUrl() + ": failing fast",
            Optional.of(breaker.remainingCoolDown()), false, null);
      } else {
        try {
          T value = once(request, parse);
          usage.success();
          return value;
        } catch (RemoteException e) {
          failure = e;
        }
      }
      if (!failure.retriable() || attempt >= max) {
        usage.failure();
        throw withAttempts(failure, attempt);
      }
      usage.retry();
      Optional<Duration> retryAfter = ((RemoteException.Retriable) failure).retryAfter();
      Duration wait;
      synchronized (rng) {
        wait = settings.retry().delay(attempt, retryAfter, rng);
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        usage.failure();
        throw withAttempts(failure, attempt);
      }
    }
  }

  private <T> T once(HttpTransport.Request request, Function<JsonNode, T> parse) {
    try {
      limiter.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      breaker.onSuccess();
      throw new RemoteException.NonRetriable("interrupted", 0, "interrupted waiting for a permit", null);
    }
    AimdLimiter.Outcome outcome = AimdLimiter.Outcome.OTHER;
    try {
      HttpTransport.Response r = transport.execute(request);
      if (r.status() >= 400) {
        throw RemoteException.forStatus(r.status(), request.url(), snippet(r.body()), retryAfter(r));
      }
      T value;
      try {
        value = parse.apply(JSON.readTree(scrub(r.body()))); // a server echoing the key cannot leak it
      } catch (RemoteException e) {
        throw e;
      } catch (Exception e) {
        throw new RemoteException.Retriable(
            "malformed", r.status(), "malformed response from " + request.url() + ": " + e.getClass().getSimpleName(),
            Optional.empty(), false, null);
      }
      if (value == null) {
        throw new RemoteException.Retriable("malformed", r.status(), "empty response from " + request.url(), Optional.empty(), false, null);
      }
      outcome = AimdLimiter.Outcome.SUCCESS;
      breaker.onSuccess();
      return value;
    } catch (RemoteException e) {
      if (e instanceof RemoteException.Retriable rr) {
        outcome = rr.overload() ? AimdLimiter.Outcome.OVERLOAD : AimdLimiter.Outcome.OTHER;
        breaker.onFailure();
      } else {
        breaker.onSuccess(); // the server answered: it is up, the request was wrong
      }
      throw e;
    } finally {
      limiter.release(outcome);
    }
  }

  /** Runs {@code call} on every input on the pool; each result is a value or its final error. */
  public <I, T> List<CallResult<T>> mapAll(List<I> inputs, Function<I, T> call) {
    List<Future<T>> futures = new ArrayList<>(inputs.size());
    for (I in : inputs) {
      futures.add(pool.submit(() -> call.apply(in)));
    }
    List<CallResult<T>> out = new ArrayList<>(inputs.size());
    for (Future<T> f : futures) {
      try {
        out.add(new CallResult.Ok<>(f.get()));
      } catch (ExecutionException e) {
        out.add(new CallResult.Failed<>(toError(e.getCause())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        out.add(new CallResult.Failed<>(new ScoringError("interrupted", "interrupted", 0)));
      }
    }
    return out;
  }

  /** A {@link ScoringError} for a failure, its message scrubbed of the API key. */
  public ScoringError toError(Throwable t) {
    if (t instanceof RemoteException re) {
      return new ScoringError(re.kind(), scrub(re.getMessage()), re.attempts());
    }
    return new ScoringError("internal", scrub(t.getClass().getSimpleName() + ": " + t.getMessage()), 0);
  }

  private String scrub(String s) {
    if (s == null) {
      return "";
    }
    return apiKey.map(k -> k.redact(s)).orElse(s);
  }

  private String snippet(String body) {
    String s = body.length() > 200 ? body.substring(0, 200) + "..." : body;
    return scrub(s.replaceAll("\\s+", " ").strip());
  }

  private static RemoteException withAttempts(RemoteException e, int attempts) {
    e.attempts(attempts);
    return e;
  }

  /** Retry-After as delta-seconds or an HTTP date. */
  static Optional<Duration> retryAfter(HttpTransport.Response r) {
    Optional<String> h = r.header("retry-after");
    if (h.isEmpty()) {
      return Optional.empty();
    }
    String v = h.get().strip();
    try {
      return Optional.of(Duration.ofMillis((long) (Double.parseDouble(v) * 1000)));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime when = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(when.getZone()), when);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (RuntimeException e2) {
        return Optional.empty();
      }
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
