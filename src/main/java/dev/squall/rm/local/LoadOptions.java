package dev.squall.rm.local;

import dev.squall.rm.CritiqueDecoding;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * How to load a local reward model.
 *
 * @param decoding critique decoding for CLoud models (ignored by classic ones)
 * @param batchSize sequences per forward batch (≥ 1)
 * @param baseConfig a base model config.json for CLoud folders that do not carry one
 * @param clock the clock chat templates read through {@code strftime_now}
 */
public record LoadOptions(
    CritiqueDecoding decoding, int batchSize, Optional<Path> baseConfig, Clock clock) {
  public LoadOptions {
    Objects.requireNonNull(decoding, "decoding");
    Objects.requireNonNull(baseConfig, "baseConfig");
    Objects.requireNonNull(clock, "clock");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
  }

  public static LoadOptions defaults() {
    return new LoadOptions(CritiqueDecoding.defaults(), 8, Optional.empty(), Clock.systemUTC());
  }

  public LoadOptions withDecoding(CritiqueDecoding d) {
    return new LoadOptions(d, batchSize, baseConfig, clock);
  }

  public LoadOptions withBatchSize(int b) {
    return new LoadOptions(decoding, b, baseConfig, clock);
  }

  public LoadOptions withBaseConfig(Path p) {
    return new LoadOptions(decoding, batchSize, Optional.of(p), clock);
  }
}
