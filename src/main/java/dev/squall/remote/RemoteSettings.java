package dev.squall.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.squall.ConfigException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How to reach one remote model and how hard to try. Read from a campaign's model entry with
 * {@link #fromJson}; the keys are:
 *
 * <pre>
 * base_url             "http://127.0.0.1:8000"   (required; paths such as /v1/chat/completions are appended)
 * model                "meta-llama/..."           (the server's model name; default "default")
 * api_key_env          "OPENAI_API_KEY"           (NAME of the environment variable holding the key; optional)
 * timeout_ms           60000
 * max_attempts         5                           (including the first)
 * backoff_base_ms      200,  backoff_max_ms 20000, jitter 0.5, max_retry_after_ms 60000
 * initial_concurrency  4,    max_concurrency 16,   aimd_decrease 0.5
 * breaker_failures     10,   breaker_cooldown_ms 5000
 * price_input_per_1m, price_output_per_1m        (optional; both or neither)
 * price_currency       "USD"                       (the prices' currency; only with prices)
 * seed                 0                           (jitter seed)
 * </pre>
 *
 * Unknown keys are rejected, naming the key. The key's value is never part of this record.
 */
public record RemoteSettings(
    String baseUrl,
    String model,
    Optional<String> apiKeyEnv,
    Duration timeout,
    RetryPolicy retry,
    int initialConcurrency,
    int maxConcurrency,
    double aimdDecrease,
    int breakerFailures,
    Duration breakerCoolDown,
    Optional<Prices> prices,
    long seed) {

  private static final Set<String> KEYS =
      Set.of("base_url", "model", "api_key_env", "timeout_ms", "max_attempts", "backoff_base_ms",
          "backoff_max_ms", "jitter", "max_retry_after_ms", "initial_concurrency", "max_concurrency",
          "aimd_decrease", "breaker_failures", "breaker_cooldown_ms", "price_input_per_1m",
          "price_output_per_1m", "price_currency", "seed");

  public RemoteSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
      throw new ConfigException("base_url must start with http:// or https://, got '" + baseUrl + "'");
    }
    baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(apiKeyEnv, "apiKeyEnv");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(prices, "prices");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new ConfigException("timeout_ms must be > 0, got " + timeout.toMillis());
    }
    if (initialConcurrency < 1 || maxConcurrency < initialConcurrency) {
      throw new ConfigException(
          "need 1 <= initial_concurrency <= max_concurrency, got " + initialConcurrency + " and " + maxConcurrency);
    }
  }

  /** Defaults for a server at {@code baseUrl}. */
  public static RemoteSettings of(String baseUrl) {
    return new RemoteSettings(baseUrl, "default", Optional.empty(), Duration.ofSeconds(60), RetryPolicy.defaults(),
        4, 16, 0.5, 10, Duration.ofSeconds(5), Optional.empty(), 0L);
  }

  /** Parses a model entry's remote keys (see the class comment). */
  public static RemoteSettings fromJson(JsonNode n) {
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        throw new ConfigException("unknown remote model key '" + k + "' (allowed: " + new java.util.TreeSet<>(KEYS) + ")");
      }
    }
    if (!n.hasNonNull("base_url")) {
      throw new ConfigException("remote model needs base_url");
    }
    RetryPolicy d = RetryPolicy.defaults();
    RetryPolicy retry;
    try {
      retry = new RetryPolicy(
          n.path("max_attempts").asInt(d.maxAttempts()),
          Duration.ofMillis(n.path("backoff_base_ms").asLong(d.baseDelay().toMillis())),
          Duration.ofMillis(n.path("backoff_max_ms").asLong(d.maxDelay().toMillis())),
          n.path("jitter").asDouble(d.jitter()),
          Duration.ofMillis(n.path("max_retry_after_ms").asLong(d.maxRetryAfter().toMillis())));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
    boolean in = n.has("price_input_per_1m");
    boolean out = n.has("price_output_per_1m");
    if (in != out) {
      throw new ConfigException("set both price_input_per_1m and price_output_per_1m, or neither");
    }
    if (!in && n.has("price_currency")) {
      throw new ConfigException("price_currency needs price_input_per_1m and price_output_per_1m");
    }
    Optional<Prices> prices;
    try {
      prices = in ? Optional.of(new Prices(n.get("price_input_per_1m").asDouble(), n.get("price_output_per_1m").asDouble(),
          n.path("price_currency").asText(Prices.DEFAULT_CURRENCY))) : Optional.empty();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
    return new RemoteSettings(
        n.get("base_url").asText(),
        n.path("model").asText("default"),
        n.hasNonNull("api_key_env") ? Optional.of(n.get("api_key_env").asText()) : Optional.empty(),
        Duration.ofMillis(n.path("timeout_ms").asLong(60_000)),
        retry,
        n.path("initial_concurrency").asInt(4),
        n.path("max_concurrency").asInt(16),
        n.path("aimd_decrease").asDouble(0.5),
        n.path("breaker_failures").asInt(10),
        Duration.ofMillis(n.path("breaker_cooldown_ms").asLong(5000)),
        prices,
        n.path("seed").asLong(0));
  }

  public RemoteSettings withRetry(RetryPolicy r) {
    return new RemoteSettings(baseUrl, model, apiKeyEnv, timeout, r, initialConcurrency, maxConcurrency,
        aimdDecrease, breakerFailures, breakerCoolDown, prices, seed);
  }

  public RemoteSettings withConcurrency(int initial, int max) {
    return new RemoteSettings(baseUrl, model, apiKeyEnv, timeout, retry, initial, max,
        aimdDecrease, breakerFailures, breakerCoolDown, prices, seed);
  }

  public RemoteSettings withBreaker(int failures, Duration coolDown) {
    return new RemoteSettings(baseUrl, model, apiKeyEnv, timeout, retry, initialConcurrency, maxConcurrency,
        aimdDecrease, failures, coolDown, prices, seed);
  }

  public RemoteSettings withApiKeyEnv(String env) {
    return new RemoteSettings(baseUrl, model, Optional.of(env), timeout, retry, initialConcurrency, maxConcurrency,
        aimdDecrease, breakerFailures, breakerCoolDown, prices, seed);
  }

  public RemoteSettings withPrices(Prices p) {
    return new RemoteSettings(baseUrl, model, apiKeyEnv, timeout, retry, initialConcurrency, maxConcurrency,
        aimdDecrease, breakerFailures, breakerCoolDown, Optional.of(p), seed);
  }

  public RemoteSettings withTimeout(Duration t) {
    return new RemoteSettings(baseUrl, model, apiKeyEnv, t, retry, initialConcurrency, maxConcurrency,
        aimdDecrease, breakerFailures, breakerCoolDown, prices, seed);
  }
}
