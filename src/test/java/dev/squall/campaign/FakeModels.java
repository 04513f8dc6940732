package dev.squall.campaign;

import dev.squall.Seeds;
import dev.squall.Versions;
import dev.squall.campaign.run.ModelProvider;
import dev.squall.rm.ModelInfo;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardModelKind;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringProvenance;
import dev.squall.rm.ScoringRequest;
import dev.squall.world.ArithmeticWorld;
import dev.squall.world.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fake reward models for campaign tests, chosen by the name of their (empty) model folder:
 * {@code oracle*} rewards 1 for a response the arithmetic world judges correct, else 0; {@code
 * flipper*} does the same but inverts the reward on prompts whose hash is 0 mod 5 (a known set of
 * items). The hash is the folder name, so two oracle folders with one name share cached calls. A
 * folder name containing {@code cloud} makes the model report the CLoud kind (scores unchanged).
 * Fakes are metered: requests scored and their prompt + response characters as tokens read.
 */
public final class FakeModels {
  private FakeModels() {}

  /** Requests scored by every fake made through {@link #provider} since the counter was reset. */
  public static final AtomicLong CALLS = new AtomicLong();

  static final World WORLD = new ArithmeticWorld();

  /** True for prompts the flipper gets wrong. */
  public static boolean flipped(String prompt) {
    return Math.floorMod(Seeds.derive(0, "flip", prompt), 5L) == 0;
  }

  public static ModelProvider provider(long delayMsPerBatch) {
    return (spec, batch) -> new Fake(Path.of(spec.source()).getFileName().toString(), delayMsPerBatch);
  }

  /** Creates an empty folder {@code dir/name} to stand for a fake model. */
  public static Path folder(Path dir, String name) throws java.io.IOException {
    return Files.createDirectories(dir.resolve(name));
  }

  static final class Fake implements RewardModel, dev.squall.rm.Metered {
    private final String name;
    private final long delay;
    private final AtomicLong scored = new AtomicLong();
    private final AtomicLong chars = new AtomicLong();

    Fake(String name, long delay) {
      this.name = name;
      this.delay = delay;
    }

    @Override
    public ModelInfo info() {
      return new ModelInfo(name, kind(), "fake", "fakehash-" + name, 0);
    }

    RewardModelKind kind() {
      return name.contains("cloud") ? RewardModelKind.CLOUD : RewardModelKind.CLASSIC;
    }

    @Override
    public List<RewardResult> scoreAll(List<ScoringRequest> requests) {
      if (delay > 0) {
        try {
          Thread.sleep(delay);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      CALLS.addAndGet(requests.size());
      scored.addAndGet(requests.size());
      chars.addAndGet(requests.stream().mapToLong(r -> r.prompt().length() + r.response().length()).sum());
      List<RewardResult> out = new ArrayList<>();
      for (ScoringRequest r : requests) {
        double v = WORLD.judge(r.prompt(), r.response()).correct() ? 1 : 0;
        if (name.startsWith("flipper") && flipped(r.prompt())) {
          v = 1 - v;
        }
        // a small response-length term keeps rewards distinct for best-of-N
        v -= r.response().length() * 1e-6;
        out.add(new RewardResult(v, List.of(), new ScoringProvenance(name, "fakehash-" + name,
            kind(), Optional.empty(), Versions.squall())));
      }
      return out;
    }

    /** One local meter: requests scored, and their characters as "tokens read". */
    @Override
    public List<dev.squall.rm.Usage> meters() {
      return List.of(dev.squall.rm.Usage.local("local", scored.get(), chars.get(), 0));
    }

    @Override
    public void close() {}
  }
}
