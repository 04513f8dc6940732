package dev.squall.model.hf;

import dev.squall.model.llama.LlamaConfig;
import dev.squall.model.llama.RopeScaling;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Llama base configurations built in for CLoud checkpoints, whose config.json names its base
 * ({@code base_model_name_or_path}) but holds no Llama hyperparameters. Values are those of the
 * public Meta configs.
 */
final class KnownBaseConfigs {
  private KnownBaseConfigs() {}

  private static final RopeScaling LLAMA31 = new RopeScaling(8.0, 1.0, 4.0, 8192);

  private static LlamaConfig llama3(int hidden, int layers, int heads, int inter, boolean v31) {
    return new LlamaConfig(
        128256, hidden, inter, layers, heads, 8, hidden / heads, 1e-5, 500000.0,
        v31 ? LLAMA31 : null, false, v31 ? 131072 : 8192, 128000,
        v31 ? List.of(128001, 128008, 128009) : List.of(128001));
  }

  private static final Map<String, LlamaConfig> BY_NAME =
      Map.of(
          "meta-llama/Meta-Llama-3-8B", llama3(4096, 32, 32, 14336, false),
          "meta-llama/Meta-Llama-3-8B-Instruct", llama3(4096, 32, 32, 14336, false),
          "meta-llama/Meta-Llama-3-70B", llama3(8192, 80, 64, 28672, false),
          "meta-llama/Meta-Llama-3-70B-Instruct", llama3(8192, 80, 64, 28672, false),
          "meta-llama/Llama-3.1-8B", llama3(4096, 32, 32, 14336, true),
          "meta-llama/Llama-3.1-8B-Instruct", llama3(4096, 32, 32, 14336, true),
          "meta-llama/Llama-3.1-70B", llama3(8192, 80, 64, 28672, true),
          "meta-llama/Llama-3.1-70B-Instruct", llama3(8192, 80, 64, 28672, true));

  static Optional<LlamaConfig> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  static List<String> names() {
    return BY_NAME.keySet().stream().sorted().toList();
  }
}
