package dev.squall.model.safetensors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.squall.model.HostTensor;
import dev.squall.model.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The weights of one Hugging Face model folder, by tensor name: either a single {@code
 * model.safetensors} or the shards listed in {@code model.safetensors.index.json}.
 *
 * <p>{@link #open} validates everything it can without reading tensor data: every file's header
 * (see {@link SafetensorsFile}), the index's structure, that shard names are plain file names
 * inside the folder, that each shard exists and that each mapped tensor really is in its shard.
 *
 * <p>Thread-safety: after {@code open}, all methods may be called concurrently; {@link #close}
 * must not race with reads. Arguments must be non-null.
 */
public final class WeightStore implements AutoCloseable {
  /** The single-file checkpoint name. */
  public static final String SINGLE_FILE = "model.safetensors";

  private static final long MAX_INDEX_BYTES = 100L << 20;

  private final Path folder;
  private final Map<String, SafetensorsFile> owners; // tensor name -> file, in listing order
  private final List<SafetensorsFile> files;

  private WeightStore(Path folder, Map<String, SafetensorsFile> owners, List<SafetensorsFile> files) {
    this.folder = folder;
    this.owners = Collections.unmodifiableMap(owners);
    this.files = List.copyOf(files);
  }

  /**
   * Opens the weights in {@code folder}: {@code model.safetensors} if present, else the shards of
   * {@code model.safetensors.index.json}.
   *
   * @throws ModelFormatException if neither exists or anything is malformed
   */
  public static WeightStore open(Path folder) {
    Objects.requireNonNull(folder, "folder");
    Path single = folder.resolve(SINGLE_FILE);
    Path index = folder.resolve(SafetensorsWriter.INDEX_FILE);
    if (Files.isRegularFile(single)) {
      SafetensorsFile f = SafetensorsFile.open(single);
      Map<String, SafetensorsFile> owners = new LinkedHashMap<>();
      for (String n : f.names()) {
        owners.put(n, f);
      }
      return new WeightStore(folder, owners, List.of(f));
    }
    if (!Files.isRegularFile(index)) {
      throw new ModelFormatException(
          "no " + SINGLE_FILE + " or " + SafetensorsWriter.INDEX_FILE + " in " + folder);
    }
    Map<String, String> weightMap = readWeightMap(index);
    Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
    Map<String, SafetensorsFile> owners = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, String> e : weightMap.entrySet()) {
        String tensor = e.getKey();
        String shardName = e.getValue();
        SafetensorsFile shard = shards.get(shardName);
        if (shard == null) {
          Path shardPath = shardPath(index, folder, tensor, shardName);
          if (!Files.isRegularFile(shardPath)) {
            throw new ModelFormatException(
                index + ": tensor " + Json.quote(tensor) + " is mapped to shard " + Json.quote(shardName)
                    + ", which does not exist in " + folder);
          }
          shard = SafetensorsFile.open(shardPath);
          shards.put(shardName, shard);
        }
        if (!shard.contains(tensor)) {
          throw new ModelFormatException(
              index + ": tensor " + Json.quote(tensor) + " is mapped to shard " + shard.path()
                  + ", which has no such tensor");
        }
        owners.put(tensor, shard);
      }
    } catch (RuntimeException e) {
      for (SafetensorsFile f : shards.values()) {
        try {
          f.close();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
    return new WeightStore(folder, owners, new ArrayList<>(shards.values()));
  }

  private static Path shardPath(Path index, Path folder, String tensor, String shardName) {
    String where = index + ": tensor " + Json.quote(tensor) + " shard " + Json.quote(shardName);
    if (shardName.isEmpty()
        || shardName.equals(".")
        || shardName.equals("..")
        || shardName.indexOf('/') >= 0
        || shardName.indexOf('\\') >= 0
        || shardName.indexOf('\0') >= 0) {
      throw new ModelFormatException(where + " must be a plain file name inside " + folder);
    }
    Path p;
    try {
      p = Path.of(shardName);
    } catch (InvalidPathException e) {
      throw new ModelFormatException(where + " is not a valid file name", e);
    }
    if (p.isAbsolute() || p.getNameCount() != 1 || p.getParent() != null) {
      throw new ModelFormatException(where + " must be a plain file name inside " + folder);
    }
    return folder.resolve(p);
  }

  private static Map<String, String> readWeightMap(Path index) {
    String where = "index file " + index;
    byte[] bytes;
    try {
      long size = Files.size(index);
      if (size > MAX_INDEX_BYTES) {
        throw new ModelFormatException(
            where + ": " + size + " bytes exceed the limit of " + MAX_INDEX_BYTES);
      }
      bytes = Files.readAllBytes(index);
    } catch (IOException e) {
      throw new ModelFormatException("cannot read " + where + ": " + e, e);
    }
    String text = Json.utf8(bytes, where);
    Map<String, String> weightMap = null;
    try (JsonParser p = Json.factory().createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new ModelFormatException(where + ": not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken v = p.nextToken();
        if (!key.equals("weight_map")) {
          p.skipChildren(); // "metadata" and anything else: not needed to load
          continue;
        }
        if (v != JsonToken.START_OBJECT) {
          throw new ModelFormatException(
              where + ": field 'weight_map' must be an object of strings, found " + v);
        }
        weightMap = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String tensor = p.currentName();
          if (p.nextToken() != JsonToken.VALUE_STRING) {
            throw new ModelFormatException(
                where + ": field 'weight_map' entry for tensor " + Json.quote(tensor)
                    + " must be a string, found " + p.currentToken());
          }
          weightMap.put(tensor, p.getText());
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new ModelFormatException(where + ": trailing content after the JSON object");
      }
    } catch (IOException | IllegalStateException | IllegalArgumentException e) {
      throw Json.invalid(where, e); // Jackson reports some limits as runtime errors
    }
    if (weightMap == null) {
      throw new ModelFormatException(where + ": missing field 'weight_map'");
    }
    return weightMap;
  }

  /** The folder this was opened from. */
  public Path folder() {
    return folder;
  }

  /** Tensor names: header order for a single file, {@code weight_map} order for shards. */
  public Set<String> names() {
    return owners.keySet();
  }

  /** Whether the folder has a tensor {@code name}. */
  public boolean contains(String name) {
    return owners.containsKey(name);
  }

  /**
   * The header entry for {@code name}.
   *
   * @throws ModelFormatException naming the folder and tensor if there is no such tensor
   */
  public TensorInfo info(String name) {
    return owner(name).info(name);
  }

  /**
   * Reads tensor {@code name} as float32 (see {@link SafetensorsFile#read}).
   *
   * @throws ModelFormatException naming the folder and tensor if there is no such tensor, or if it
   *     cannot be read as float
   */
  public HostTensor read(String name) {
    return owner(name).read(name);
  }

  /**
   * Reads tensor {@code name} after checking that its shape is {@code expectedShape}.
   *
   * @throws ModelFormatException if the tensor is missing, has another shape (the message gives
   *     both), or cannot be read as float
   */
  public HostTensor require(String name, long... expectedShape) {
    Objects.requireNonNull(expectedShape, "expectedShape");
    SafetensorsFile f = owner(name);
    long[] found = f.info(name).shape();
    if (!Arrays.equals(found, expectedShape)) {
      throw new ModelFormatException(
          "tensor " + Json.quote(name) + " in " + f.path() + ": expected shape "
              + Arrays.toString(expectedShape) + ", found " + Arrays.toString(found));
    }
    return f.read(name);
  }

  /** The safetensors files in use (one, or the shards in first-use order). */
  public List<Path> files() {
    List<Path> out = new ArrayList<>(files.size());
    for (SafetensorsFile f : files) {
      out.add(f.path());
    }
    return List.copyOf(out);
  }

  /** Total bytes of tensor data over {@link #names()} (what an index calls {@code total_size}). */
  public long totalBytes() {
    long total = 0;
    for (Map.Entry<String, SafetensorsFile> e : owners.entrySet()) {
      total += e.getValue().info(e.getKey()).byteLength();
    }
    return total;
  }

  private SafetensorsFile owner(String name) {
    SafetensorsFile f = owners.get(name);
    if (f == null) {
      throw new ModelFormatException("model folder " + folder + ": no tensor " + Json.quote(name));
    }
    return f;
  }

  /** Closes every file. Idempotent. */
  @Override
  public void close() {
    ModelFormatException first = null;
    for (SafetensorsFile f : files) {
      try {
        f.close();
      } catch (ModelFormatException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
