package dev.squall.world;

import java.util.List;
import java.util.Objects;

/**
 * Squall's ground-truth metadata of a generated pair; absent on plain RewardBench rows.
 *
 * @param world world name, e.g. {@code arithmetic}
 * @param split the split the pair was generated for
 * @param seed the generator seed
 * @param label the gold preference; always {@code "chosen"} for generated rows
 * @param answer the true answer, as text
 * @param errorKind how the rejected response is wrong (an {@link ErrorKind#id()})
 * @param chosenFeatures spurious features on the chosen response
 * @param rejectedFeatures spurious features on the rejected response
 * @param chosenCritique oracle critique of the chosen response
 * @param rejectedCritique oracle critique of the rejected response
 */
public record WorldMetadata(
    String world,
    Split split,
    long seed,
    String label,
    String answer,
    String errorKind,
    List<SpuriousFeature> chosenFeatures,
    List<SpuriousFeature> rejectedFeatures,
    String chosenCritique,
    String rejectedCritique) {
  /** The gold label of every generated row. */
  public static final String CHOSEN = "chosen";

  public WorldMetadata {
    Objects.requireNonNull(world, "world");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(errorKind, "error_kind");
    chosenFeatures = List.copyOf(chosenFeatures);
    rejectedFeatures = List.copyOf(rejectedFeatures);
    Objects.requireNonNull(chosenCritique, "chosen_critique");
    Objects.requireNonNull(rejectedCritique, "rejected_critique");
    if (world.isBlank()) {
      throw new IllegalArgumentException("world must be non-blank");
    }
  }
}
