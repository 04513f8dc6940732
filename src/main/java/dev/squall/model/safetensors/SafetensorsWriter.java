package dev.squall.model.safetensors;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.squall.SquallException;
import dev.squall.model.HostTensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writes safetensors files the way Hugging Face does: 8-byte little-endian header length, a compact
 * UTF-8 JSON header padded with spaces so the data starts at a multiple of 8, then the tensors
 * contiguous, in the map's iteration order, little-endian row-major.
 *
 * <p>Output is deterministic (same input, same bytes) and written atomically: to a temporary file
 * in the target directory which is then moved over the target. F16 and BF16 round float32 to
 * nearest, ties to even; values beyond the range become ±infinity, NaN stays NaN.
 *
 * <p>Stateless and thread-safe. Arguments must be non-null unless said otherwise. Bad arguments
 * throw {@link IllegalArgumentException}; I/O failures throw {@link SquallException} naming the file.
 */
public final class SafetensorsWriter {
  /** Shard metadata Hugging Face writes; transformers checks it when loading. */
  static final Map<String, String> SHARD_METADATA = Map.of("format", "pt");

  /** Name of the index of a sharded checkpoint. */
  public static final String INDEX_FILE = "model.safetensors.index.json";

  private static final int BUFFER_BYTES = 1 << 16;

  private SafetensorsWriter() {}

  /**
   * Writes {@code tensors} to {@code file} as {@code dtype}.
   *
   * @param dtype F32, F16 or BF16
   * @param metadata written as {@code __metadata__}; null or empty writes none
   */
  public static void write(
      Path file, Map<String, HostTensor> tensors, DType dtype, Map<String, String> metadata) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(tensors, "tensors");
    checkDtype(dtype);
    byte[] header = header(tensors, dtype, metadata);
    atomically(
        file,
        ch -> {
          ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
          buf.putLong(header.length);
          flush(ch, buf);
          writeAll(ch, ByteBuffer.wrap(header));
          for (HostTensor t : tensors.values()) {
            for (float v : t.data()) {
              if (buf.remaining() < 4) {
                flush(ch, buf);
              }
              switch (dtype) {
                case F32 -> buf.putInt(Float.floatToRawIntBits(v));
                case F16 -> buf.putShort(FloatCodec.floatToHalf(v));
                default -> buf.putShort(FloatCodec.floatToBf16(v));
              }
            }
          }
          flush(ch, buf);
        });
  }

  /**
   * Writes {@code tensors} as Hugging Face sharded checkpoint into {@code folder} (created if
   * missing): {@code model-00001-of-0000N.safetensors}… plus {@value #INDEX_FILE}. Tensors are
   * assigned to shards in iteration order, a new shard starting when the next tensor would push the
   * current one past {@code maxShardBytes} of data; a tensor bigger than that gets a shard of its
   * own. An index is written even for a single shard. Each shard carries metadata {@code
   * {"format": "pt"}}. Files already in the folder are not removed: a stale {@code
   * model.safetensors} there would take precedence in {@link WeightStore#open}.
   *
   * @param dtype F32, F16 or BF16
   * @param maxShardBytes largest data size of a shard, > 0
   */
  public static void writeSharded(
      Path folder, Map<String, HostTensor> tensors, DType dtype, long maxShardBytes) {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(tensors, "tensors");
    checkDtype(dtype);
    if (maxShardBytes <= 0) {
      throw new IllegalArgumentException("maxShardBytes must be > 0, got " + maxShardBytes);
    }
    List<Map<String, HostTensor>> shards = new ArrayList<>();
    Map<String, HostTensor> current = new LinkedHashMap<>();
    long currentBytes = 0;
    long total = 0;
    for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
      long bytes = (long) e.getValue().data().length * dtype.byteSize();
      if (!current.isEmpty() && currentBytes + bytes > maxShardBytes) {
        shards.add(current);
        current = new LinkedHashMap<>();
        currentBytes = 0;
      }
      current.put(e.getKey(), e.getValue());
      currentBytes += bytes;
      total += bytes;
    }
    if (!current.isEmpty() || shards.isEmpty()) {
      shards.add(current);
    }
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new SquallException("cannot create folder " + folder + ": " + e, e);
    }
    Map<String, String> weightMap = new LinkedHashMap<>();
    for (int i = 0; i < shards.size(); i++) {
      String shardName =
          String.format(Locale.ROOT, "model-%05d-of-%05d.safetensors", i + 1, shards.size());
      write(folder.resolve(shardName), shards.get(i), dtype, SHARD_METADATA);
      for (String name : shards.get(i).keySet()) {
        weightMap.put(name, shardName);
      }
    }
    byte[] index = index(total, weightMap);
    atomically(folder.resolve(INDEX_FILE), ch -> writeAll(ch, ByteBuffer.wrap(index)));
  }

  private static void checkDtype(DType dtype) {
    Objects.requireNonNull(dtype, "dtype");
    if (dtype != DType.F32 && dtype != DType.F16 && dtype != DType.BF16) {
      throw new IllegalArgumentException("can write F32, F16 or BF16, not " + dtype);
    }
  }

  /** The padded header bytes (without the 8-byte length). */
  static byte[] header(Map<String, HostTensor> tensors, DType dtype, Map<String, String> metadata) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = Json.factory().createGenerator(out)) {
      g.writeStartObject();
      if (metadata != null && !metadata.isEmpty()) {
        g.writeObjectFieldStart(SafetensorsFile.METADATA_KEY);
        for (Map.Entry<String, String> m : metadata.entrySet()) {
          g.writeStringField(
              Objects.requireNonNull(m.getKey(), "metadata key"),
              Objects.requireNonNull(m.getValue(), "metadata value for " + m.getKey()));
        }
        g.writeEndObject();
      }
      long offset = 0;
      for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
        String name = Objects.requireNonNull(e.getKey(), "tensor name");
        HostTensor t = Objects.requireNonNull(e.getValue(), "tensor " + name);
        if (name.equals(SafetensorsFile.METADATA_KEY)) {
          throw new IllegalArgumentException("a tensor may not be named " + name);
        }
        long bytes = (long) t.data().length * dtype.byteSize();
        g.writeObjectFieldStart(name);
        g.writeStringField("dtype", dtype.name());
        g.writeArrayFieldStart("shape");
        for (long d : t.shape()) {
          g.writeNumber(d);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("data_offsets");
        g.writeNumber(offset);
        g.writeNumber(offset + bytes);
        g.writeEndArray();
        g.writeEndObject();
        offset += bytes;
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new SquallException("cannot build safetensors header: " + e, e);
    }
    int n = out.size();
    int padded = (n + 7) / 8 * 8; // 8 + padded is then a multiple of 8 too
    for (int i = n; i < padded; i++) {
      out.write(' ');
    }
    return out.toByteArray();
  }

  private static byte[] index(long totalSize, Map<String, String> weightMap) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = Json.factory().createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeObjectFieldStart("metadata");
      g.writeNumberField("total_size", totalSize);
      g.writeEndObject();
      g.writeObjectFieldStart("weight_map");
      for (Map.Entry<String, String> e : weightMap.entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new SquallException("cannot build " + INDEX_FILE + ": " + e, e);
    }
    out.write('\n');
    return out.toByteArray();
  }

  private interface Body {
    void writeTo(FileChannel ch) throws IOException;
  }

  private static void atomically(Path file, Body body) {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        body.writeTo(ch);
        ch.force(true);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new SquallException("cannot write " + file + ": " + e, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the write already failed; that error is the one reported
        }
      }
    }
  }

  private static void flush(FileChannel ch, ByteBuffer buf) throws IOException {
    buf.flip();
    writeAll(ch, buf);
    buf.clear();
  }

  private static void writeAll(FileChannel ch, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }
}
