package dev.squall.serve;

import dev.squall.remote.ScoreEndpointRewardModel;
import dev.squall.remote.ScoreEndpointSpec;
import dev.squall.rm.CritiqueDecoding;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardModelKind;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringRequest;
import dev.squall.rm.local.LoadOptions;
import dev.squall.rm.local.LocalModels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A documented measurement (not an assertion): items/s scoring through {@code squall serve} over
 * loopback versus in-process, at concurrency 1, 4 and 16, for the tiny classic and CLoud test
 * models. In-process "concurrency c" is {@code scoreAll} in batches of c (the model is not
 * thread-safe; batching is how it uses parallel work); remote is c concurrent HTTP requests, which
 * the server micro-batches (up to 16). Run:
 * {@code mvn -o test -Pall -Dtest=ServeThroughputBenchmark}.
 */
@Tag("slow")
class ServeThroughputBenchmark {
  @TempDir Path root;

  @Test
  void measure() {
    run("classic", ServeFixtures.classic(root), CritiqueDecoding.defaults(), 96);
    run("cloud(12 critique tokens)", ServeFixtures.cloud(root), CritiqueDecoding.defaults().withMaxTokens(12), 48);
  }

  private static void run(String name, Path dir, CritiqueDecoding decoding, int n) {
    List<ScoringRequest> items = ServeFixtures.items(n);
    for (int c : new int[] {1, 4, 16}) {
      double local;
      try (RewardModel m = LocalModels.loadRewardModel(dir, LoadOptions.defaults().withDecoding(decoding).withBatchSize(c))) {
        m.scoreAll(items.subList(0, Math.min(8, n))); // warm-up
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i += c) {
          m.scoreAll(items.subList(i, Math.min(n, i + c)));
        }
        local = n / ((System.nanoTime() - t0) / 1e9);
      }
      double remote;
      try (SquallServer s = SquallServer.start(ServeOptions.loopback(dir).withDecoding(decoding).withMaxBatch(16));
          ScoreEndpointRewardModel m = new ScoreEndpointRewardModel(
              name, RewardModelKind.REMOTE, ServeFixtures.caller(s.baseUrl(), 3, c, c), ScoreEndpointSpec.preset("squall"))) {
        m.scoreAll(items.subList(0, Math.min(8, n))); // warm-up
        long t0 = System.nanoTime();
        List<RewardResult> rs = m.scoreAll(items);
        remote = n / ((System.nanoTime() - t0) / 1e9);
        if (rs.stream().anyMatch(RewardResult::isError)) {
          throw new AssertionError("errors in benchmark run");
        }
      }
      System.out.printf("BENCH %-26s concurrency %2d: in-process %8.1f items/s, serve over loopback %8.1f items/s%n", name, c, local, remote);
    }
  }
}
