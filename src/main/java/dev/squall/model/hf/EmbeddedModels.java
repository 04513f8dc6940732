package dev.squall.model.hf;

import dev.squall.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The model organisms shipped inside the jar ({@code cloud}, {@code classic}, {@code policy}),
 * resolved to folders on disk so they load through the same code path as any Hugging Face folder.
 *
 * <p>A model named by an existing path is used as is; an embedded name is copied once from the
 * classpath to {@code $SQUALL_HOME/models/<name>-<content hash>} (default {@code
 * ~/.cache/squall}), so a new jar with new weights never reuses stale files. Thread-safe: the copy
 * goes through a temporary folder and an atomic rename.
 */
public final class EmbeddedModels {
  private EmbeddedModels() {}

  /** Names of the embedded models. */
  public static final List<String> NAMES = List.of("cloud", "classic", "policy");

  private static final List<String> FILES =
      List.of("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json", "README.md");

  private static final String ROOT = "/dev/squall/models/";

  /** True when {@code name} is an embedded model present in this build. */
  public static boolean isEmbedded(String name) {
    return NAMES.contains(name) && EmbeddedModels.class.getResource(ROOT + name + "/config.json") != null;
  }

  /**
   * A folder path as given, or the on-disk copy of an embedded model.
   *
   * @throws ConfigException when {@code model} is neither an existing folder nor an embedded name
   */
  public static Path resolve(String model) {
    Path p = Path.of(model);
    if (Files.isDirectory(p)) {
      return p;
    }
    if (!isEmbedded(model)) {
      throw new ConfigException(
          "model '" + model + "' is not a folder and not an embedded model (embedded: " + NAMES + ")");
    }
    try {
      String hash = contentHash(model);
      Path home =
          Path.of(System.getenv().getOrDefault("SQUALL_HOME", System.getProperty("user.home") + "/.cache/squall"));
      Path target = home.resolve("models").resolve(model + "-" + hash.substring(0, 16));
      if (Files.isRegularFile(target.resolve("config.json"))) {
        return target;
      }
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempDirectory(target.getParent(), model + "-tmp");
      for (String f : FILES) {
        try (InputStream in = EmbeddedModels.class.getResourceAsStream(ROOT + model + "/" + f)) {
          if (in != null) {
            Files.copy(in, tmp.resolve(f), StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        if (!Files.isRegularFile(target.resolve("config.json"))) {
          throw raced;
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract embedded model " + model, e);
    }
  }

  private static String contentHash(String model) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String f : FILES) {
        try (InputStream in = EmbeddedModels.class.getResourceAsStream(ROOT + model + "/" + f)) {
          if (in != null) {
            md.update(f.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update(in.readAllBytes());
          }
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
