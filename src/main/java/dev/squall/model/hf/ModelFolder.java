package dev.squall.model.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.squall.model.ModelFormatException;
import dev.squall.model.llama.LlamaConfig;
import dev.squall.text.TokenizerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Hugging Face model folder on disk: {@code config.json}, safetensors weights (single or
 * sharded), {@code tokenizer.json} and {@code tokenizer_config.json}.
 *
 * <p>Opening reads and validates config.json, detects the {@link ModelLayout} and resolves the
 * Llama hyperparameters. For CLoud folders, whose config.json may hold only the CLoud fields and
 * {@code base_model_name_or_path}, the hyperparameters come from (in order): Llama fields in
 * config.json itself, an explicit base config file, a local folder named by {@code
 * base_model_name_or_path} (relative to the model folder or absolute), or the well-known Llama-3
 * and Llama-3.1 8B/70B configs built in. Immutable and thread-safe.
 */
public final class ModelFolder {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final JsonNode config;
  private final ModelLayout layout;
  private final LlamaConfig llama;
  private final String baseConfigSource;

  private ModelFolder(
      Path dir, JsonNode config, ModelLayout layout, LlamaConfig llama, String baseConfigSource) {
    this.dir = dir;
    this.config = config;
    this.layout = layout;
    this.llama = llama;
    this.baseConfigSource = baseConfigSource;
  }

  public static ModelFolder open(Path dir) {
    return open(dir, null);
  }

  /**
   * Opens {@code dir}.
   *
   * @param baseConfig a config.json holding the Llama hyperparameters of a CLoud model's base, or
   *     null to resolve it as described above
   * @throws ModelFormatException naming the file and field when something is missing or invalid
   */
  public static ModelFolder open(Path dir, Path baseConfig) {
    if (!Files.isDirectory(dir)) {
      throw new ModelFormatException("model folder " + dir + " does not exist or is not a folder");
    }
    Path configFile = dir.resolve("config.json");
    JsonNode cfg = readJson(configFile);
    ModelLayout layout = detectLayout(cfg, configFile);
    if (cfg.has("hidden_size")) {
      return new ModelFolder(dir, cfg, layout, LlamaConfig.fromJson(cfg, configFile.toString()), configFile.toString());
    }
    if (baseConfig != null) {
      return new ModelFolder(
          dir, cfg, layout, LlamaConfig.fromJson(readJson(baseConfig), baseConfig.toString()),
          baseConfig.toString());
    }
    String base = cfg.path("base_model_name_or_path").asText("");
    if (base.isEmpty()) {
      throw new ModelFormatException(
          configFile + ": no Llama hyperparameters (hidden_size, ...) and no base_model_name_or_path");
    }
    for (Path candidate : List.of(dir.resolve(base), Path.of(base))) {
      Path c = candidate.resolve("config.json");
      if (Files.isRegularFile(c)) {
        return new ModelFolder(dir, cfg, layout, LlamaConfig.fromJson(readJson(c), c.toString()), c.toString());
      }
    }
    return KnownBaseConfigs.byName(base)
        .map(l -> new ModelFolder(dir, cfg, layout, l, "built-in config of " + base))
        .orElseThrow(
            () ->
                new ModelFormatException(
                    configFile + ": base_model_name_or_path '" + base + "' is not a local folder"
                        + " and not a built-in base config (built in: " + KnownBaseConfigs.names()
                        + "); pass the base model's config.json explicitly"));
  }

  private static JsonNode readJson(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ModelFormatException("missing " + file);
    }
    try {
      JsonNode n = JSON.readTree(file.toFile());
      if (n == null || !n.isObject()) {
        throw new ModelFormatException(file + ": expected a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new ModelFormatException(file + ": not valid JSON: " + e.getMessage(), e);
    }
  }

  static ModelLayout detectLayout(JsonNode cfg, Path file) {
    String arch = cfg.path("architectures").path(0).asText("");
    String type = cfg.path("model_type").asText("");
    if (arch.equals("FeedbackRewardModel") || type.equals("cloud")) {
      String method = cfg.path("feedback_method").asText("");
      return switch (method) {
        case "teacher" -> ModelLayout.CLOUD_TEACHER;
        case "vanilla" -> ModelLayout.CLOUD_VANILLA;
        default ->
            throw new ModelFormatException(
                file + ": field 'feedback_method' is '" + method + "', expected 'teacher' or 'vanilla'");
      };
    }
    return switch (arch) {
      case "LlamaForSequenceClassification" -> ModelLayout.SEQUENCE_CLASSIFICATION;
      case "LlamaForCausalLM", "" -> {
        if (!arch.isEmpty() || type.equals("llama")) {
          yield ModelLayout.CAUSAL_LM;
        }
        throw new ModelFormatException(file + ": no 'architectures' and model_type '" + type + "'");
      }
      default ->
          throw new ModelFormatException(
              file + ": architecture '" + arch + "' is not supported (supported: LlamaForCausalLM,"
                  + " LlamaForSequenceClassification, FeedbackRewardModel)");
    };
  }

  public Path dir() {
    return dir;
  }

  public String name() {
    Path n = dir.toAbsolutePath().normalize().getFileName();
    return n == null ? dir.toString() : n.toString();
  }

  /** The raw config.json. */
  public JsonNode config() {
    return config.deepCopy();
  }

  public ModelLayout layout() {
    return layout;
  }

  public LlamaConfig llama() {
    return llama;
  }

  /** Where the Llama hyperparameters came from (a file or a built-in base). */
  public String baseConfigSource() {
    return baseConfigSource;
  }

  public Path tokenizerJson() {
    Path t = dir.resolve("tokenizer.json");
    if (!Files.isRegularFile(t)) {
      throw new ModelFormatException("missing " + t);
    }
    return t;
  }

  /** tokenizer_config.json, or an empty config when the folder has none. */
  public TokenizerConfig tokenizerConfig() {
    Path t = dir.resolve("tokenizer_config.json");
    return Files.isRegularFile(t) ? TokenizerConfig.read(t) : TokenizerConfig.empty();
  }

  /**
   * SHA-256 over the names and bytes of the files that define the model (config, tokenizer files,
   * safetensors files and index), in name order. A model card or README does not change it.
   */
  public String hash() {
    try (Stream<Path> files = Files.list(dir)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      List<Path> defining =
          files
              .filter(Files::isRegularFile)
              .filter(p -> isDefining(p.getFileName().toString()))
              .sorted()
              .toList();
      byte[] buf = new byte[1 << 16];
      for (Path p : defining) {
        md.update(p.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        md.update((byte) 0);
        try (InputStream in = Files.newInputStream(p)) {
          int n;
          while ((n = in.read(buf)) > 0) {
            md.update(buf, 0, n);
          }
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new ModelFormatException("cannot hash model folder " + dir + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isDefining(String name) {
    return name.equals("config.json")
        || name.equals("tokenizer.json")
        || name.equals("tokenizer_config.json")
        || name.endsWith(".safetensors")
        || name.equals("model.safetensors.index.json");
  }
}
