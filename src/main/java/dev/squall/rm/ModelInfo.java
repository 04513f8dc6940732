package dev.squall.rm;

import java.util.Objects;

/**
 * Identity of a loaded reward model.
 *
 * @param name display name (folder name or embedded model name)
 * @param kind classic or CLoud
 * @param layout the tensor layout detected (e.g. {@code LlamaForSequenceClassification})
 * @param modelHash SHA-256 over the model folder's files (see {@code ModelFolder#hash})
 * @param parameters parameter count including heads
 */
public record ModelInfo(
    String name, RewardModelKind kind, String layout, String modelHash, long parameters) {
  public ModelInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(modelHash, "modelHash");
  }
}
