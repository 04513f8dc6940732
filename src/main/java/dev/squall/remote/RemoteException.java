package dev.squall.remote;

import dev.squall.SquallException;
import java.time.Duration;
import java.util.Optional;

/**
 * The root of remote-call failures. Split into {@link Retriable} (timeouts, 408, 429, 5xx,
 * dropped connections, malformed bodies, an open circuit: retried after its cool-down) and {@link NonRetriable} (other 4xx,
 * authentication, bad configuration). Messages never contain API keys or request bodies.
 */
public abstract sealed class RemoteException extends SquallException
    permits RemoteException.Retriable, RemoteException.NonRetriable {
  private final String kind;
  private final int status;
  private volatile int attempts;

  RemoteException(String kind, int status, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
  }

  /** Short machine-readable kind: {@code http_503}, {@code timeout}, {@code io}, {@code malformed}. */
  public String kind() {
    return kind;
  }

  /** HTTP status, or 0 when there was no response. */
  public int status() {
    return status;
  }

  public abstract boolean retriable();

  /** Attempts made before this failure was final (0 until the caller sets it). */
  public int attempts() {
    return attempts;
  }

  void attempts(int n) {
    attempts = n;
  }

  /** A failure worth retrying; may carry the server's Retry-After. */
  public static final class Retriable extends RemoteException {
    private final Optional<Duration> retryAfter;
    private final boolean overload;

    public Retriable(String kind, int status, String message, Optional<Duration> retryAfter, boolean overload, Throwable cause) {
      super(kind, status, message, cause);
      this.retryAfter = retryAfter;
      this.overload = overload;
    }

    /** The server's Retry-After, when it sent one. */
    public Optional<Duration> retryAfter() {
      return retryAfter;
    }

    /** True for signals of overload (429, timeouts): the concurrency limit should shrink. */
    public boolean overload() {
      return overload;
    }

    @Override
    public boolean retriable() {
      return true;
    }
  }

  /** A failure that retrying cannot fix (bad request, auth, not found). */
  public static final class NonRetriable extends RemoteException {
    public NonRetriable(String kind, int status, String message, Throwable cause) {
      super(kind, status, message, cause);
    }

    @Override
    public boolean retriable() {
      return false;
    }
  }

  /**
   * Classifies an HTTP error status: 408, 429 and 5xx are retriable (429 and 408 as overload),
   * other 4xx are not. {@code detail} must already be free of secrets.
   */
  public static RemoteException forStatus(int status, String endpoint, String detail, Optional<Duration> retryAfter) {
    String msg = "HTTP " + status + " from " + endpoint + (detail.isEmpty() ? "" : ": " + detail);
    if (status == 429 || status == 408 || status >= 500) {
      return new Retriable("http_" + status, status, msg, retryAfter, status == 429 || status == 408, null);
    }
    String kind = status == 401 || status == 403 ? "auth" : "http_" + status;
    return new NonRetriable(kind, status, msg, null);
  }
}
