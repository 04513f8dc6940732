package dev.squall.remote;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@link HttpTransport} over the JDK's {@link HttpClient} (HTTP/1.1). Thread-safe. */
public final class JdkHttpTransport implements HttpTransport {
  private final HttpClient client;

  public JdkHttpTransport(Duration connectTimeout) {
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public Response execute(Request request) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(request.url()))
            .timeout(request.timeout())
            .method(request.method(), HttpRequest.BodyPublishers.ofString(request.body()));
    request.headers().forEach(b::header);
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      Map<String, List<String>> headers = new TreeMap<>();
      r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
      return new Response(r.statusCode(), headers, r.body());
    } catch (HttpTimeoutException e) {
      throw new RemoteException.Retriable(
          "timeout", 0, "timed out after " + request.timeout().toMillis() + " ms: " + request.method() + " " + request.url(),
          Optional.empty(), true, null);
    } catch (ConnectException e) {
      throw new RemoteException.Retriable(
          "connect", 0, "cannot connect to " + request.url(), Optional.empty(), false, null);
    } catch (IOException e) {
      throw new RemoteException.Retriable(
          "io", 0, "connection failed (" + e.getClass().getSimpleName() + ") for " + request.url(),
          Optional.empty(), false, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RemoteException.NonRetriable("interrupted", 0, "interrupted calling " + request.url(), null);
    }
  }
}
