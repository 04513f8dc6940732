package dev.squall.remote;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends one HTTP request. The only place Squall touches the network, so retries, limits and
 * faults wrap it ({@link ResilientCaller}) and tests can replace it. Implementations throw {@link
 * RemoteException.Retriable} for timeouts and dropped connections and return every response that
 * arrived, whatever its status. Implementations are thread-safe.
 */
public interface HttpTransport extends AutoCloseable {

  Response execute(Request request);

  @Override
  default void close() {}

  /**
   * An HTTP request. {@code headers} may carry an Authorization header: it is excluded from {@link
   * #toString()}.
   */
  record Request(String method, String url, Map<String, String> headers, String body, Duration timeout) {
    public Request {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(url, "url");
      headers = Map.copyOf(headers);
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(timeout, "timeout");
    }

    public static Request postJson(String url, String body, Duration timeout, Map<String, String> headers) {
      return new Request("POST", url, headers, body, timeout);
    }

    @Override
    public String toString() {
      return "Request[" + method + " " + url + ", " + body.length() + " chars]";
    }
  }

  /** An HTTP response: status, headers (lower-case names) and body text. */
  record Response(int status, Map<String, List<String>> headers, String body) {
    public Response {
      headers = Map.copyOf(headers);
      Objects.requireNonNull(body, "body");
    }

    public Optional<String> header(String name) {
      List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
      return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }
  }
}
