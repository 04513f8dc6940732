package dev.squall.world;

import dev.squall.ConfigException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A split of a world's dataset. {@link #TRAIN} and {@link #TEST} share one distribution; the {@code
 * OOD_*} splits each shift one thing: instance difficulty, phrasing templates, or the side the
 * spurious features sit on.
 */
public enum Split {
  /** Training pairs; in-distribution sizes, training templates, features on the chosen side. */
  TRAIN(20_000),
  /** Held-out pairs from the training distribution. */
  TEST(1_000),
  /** Harder instances: more digits or longer lists; everything else as in training. */
  OOD_HARDER(1_000),
  /** Prompt and response templates that no other split ever uses. */
  OOD_PHRASING(1_000),
  /** Spurious features reversed: they sit on the rejected side at the chosen side's rate. */
  OOD_REVERSED(1_000);

  private final int defaultCount;

  Split(int defaultCount) {
    this.defaultCount = defaultCount;
  }

  /** The lower-case name used in file names, subsets and JSONL ({@code ood_reversed}). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Default number of pairs per world for this split. */
  public int defaultCount() {
    return defaultCount;
  }

  /** True for the out-of-distribution splits. */
  public boolean isOod() {
    return this != TRAIN && this != TEST;
  }

  /** The split named by {@code id} (case-insensitive); a clear error lists the allowed names. */
  public static Split fromId(String id) {
    for (Split s : values()) {
      if (s.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
        return s;
      }
    }
    throw new ConfigException(
        "unknown split '"
            + id
            + "'; allowed: "
            + Arrays.stream(values()).map(Split::id).collect(Collectors.joining(", ")));
  }
}
