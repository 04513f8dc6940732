package dev.squall.serve;

import dev.squall.model.hf.ModelLayout;
import dev.squall.remote.HttpTransport;
import dev.squall.remote.JdkHttpTransport;
import dev.squall.remote.RemoteSettings;
import dev.squall.remote.ResilientCaller;
import dev.squall.remote.RetryPolicy;
import dev.squall.rm.ScoringRequest;
import dev.squall.rm.local.TinyModelFolders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Tiny model folders, items and clients shared by the serve tests. */
final class ServeFixtures {
  private ServeFixtures() {}

  static Path classic(Path root) {
    Path d = root.resolve("classic");
    TinyModelFolders.write(d, ModelLayout.SEQUENCE_CLASSIFICATION, 11);
    return d;
  }

  static Path cloud(Path root) {
    Path d = root.resolve("cloud");
    TinyModelFolders.write(d, ModelLayout.CLOUD_TEACHER, 12);
    return d;
  }

  static Path policy(Path root) {
    Path d = root.resolve("policy");
    TinyModelFolders.write(d, ModelLayout.CAUSAL_LM, 13);
    return d;
  }

  static List<ScoringRequest> items(int n) {
    String[] prompts = {"What is 12 + 30?", "Name three animals that start with b.", "What is 7 + 5?", "Say hello."};
    String[] responses = {"The answer is 42.", "bear, bee, bison", "It is 12.", "Hello!", "the sum is right", "I do not know."};
    List<ScoringRequest> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(ScoringRequest.of(prompts[i % prompts.length] + (i >= 12 ? " (" + i + ")" : ""), responses[i % responses.length]));
    }
    return out;
  }

  static final HttpTransport HTTP = new JdkHttpTransport(Duration.ofSeconds(2));

  /** A caller with no waits between retries (the server's faults are instant). */
  static ResilientCaller caller(String baseUrl, int attempts, int initial, int max) {
    RemoteSettings s = RemoteSettings.of(baseUrl)
        .withRetry(new RetryPolicy(attempts, Duration.ofMillis(1), Duration.ofMillis(5), 0.5, Duration.ofMillis(5)))
        .withConcurrency(initial, max)
        .withTimeout(Duration.ofSeconds(20));
    return new ResilientCaller(s, HTTP, Map.<String, String>of()::get, d -> {}, System::nanoTime);
  }
}
