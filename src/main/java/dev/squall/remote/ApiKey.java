package dev.squall.remote;

import dev.squall.ConfigException;
import java.util.Optional;
import java.util.function.Function;

/**
 * An API key read from the environment variable named in config ({@code api_key_env}). The value
 * only ever leaves this object as an Authorization header value; {@link #toString()} names the
 * variable, never the value. Immutable and thread-safe.
 */
public final class ApiKey {
  private final String envName;
  private final String value;

  private ApiKey(String envName, String value) {
    this.envName = envName;
    this.value = value;
  }

  /**
   * Reads {@code envName} through {@code env} (normally {@link System#getenv(String)}).
   *
   * @throws ConfigException naming the variable (never a value) when it is unset or blank
   */
  public static ApiKey fromEnv(String envName, Function<String, String> env) {
    if (envName == null || envName.isBlank()) {
      throw new ConfigException("api_key_env must name an environment variable, got '" + envName + "'");
    }
    String v = env.apply(envName);
    if (v == null || v.isBlank()) {
      throw new ConfigException("api_key_env: environment variable " + envName + " is not set");
    }
    return new ApiKey(envName, v.strip());
  }

  /** An absent key resolved from an optional variable name. */
  public static Optional<ApiKey> optional(Optional<String> envName, Function<String, String> env) {
    return envName.map(n -> fromEnv(n, env));
  }

  public String envName() {
    return envName;
  }

  /** The header value {@code Bearer <key>}: for the transport only. */
  String bearer() {
    return "Bearer " + value;
  }

  /** {@code text} with every occurrence of the key's value replaced by {@code ***}. */
  public String redact(String text) {
    return text.replace(value, "***");
  }

  @Override
  public String toString() {
    return "ApiKey[env=" + envName + ", value=***]";
  }
}
