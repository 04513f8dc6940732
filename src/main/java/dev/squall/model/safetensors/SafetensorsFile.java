package dev.squall.model.safetensors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.squall.model.HostTensor;
import dev.squall.model.ModelFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One open safetensors file whose header has been fully validated.
 *
 * <p>{@link #open} reads and checks the whole header up front: size limits, strict UTF-8 JSON
 * without duplicate keys, known dtypes, non-negative shapes whose product fits, offsets inside the
 * data region that match shape × dtype, no two tensors overlapping, {@code __metadata__} an object
 * of strings. Anything else is a {@link ModelFormatException} naming the file and, where there is
 * one, the tensor and field. Tensor data is not loaded at open: each {@link #read} memory-maps just
 * that tensor's bytes.
 *
 * <p>Thread-safety: after {@code open}, all methods may be called concurrently; {@link #close}
 * must not race with {@link #read}. Non-null arguments are required everywhere.
 */
public final class SafetensorsFile implements AutoCloseable {
  /** Largest header accepted, as Hugging Face's reader does (100 MiB). */
  public static final long MAX_HEADER_BYTES = 100L << 20;

  static final String METADATA_KEY = "__metadata__";
  private static final long MAP_CHUNK_BYTES = 1L << 30;

  private final Path path;
  private final FileChannel channel;
  private final long dataStart;
  private final Map<String, TensorInfo> infos;
  private final List<String> names;
  private final Map<String, String> metadata;

  private SafetensorsFile(
      Path path,
      FileChannel channel,
      long dataStart,
      Map<String, TensorInfo> infos,
      Map<String, String> metadata) {
    this.path = path;
    this.channel = channel;
    this.dataStart = dataStart;
    this.infos = Collections.unmodifiableMap(infos);
    this.names = List.copyOf(infos.keySet());
    this.metadata = Collections.unmodifiableMap(metadata);
  }

  /**
   * Opens {@code file} and validates its whole header.
   *
   * @throws ModelFormatException if the file cannot be read or is not a valid safetensors file
   */
  public static SafetensorsFile open(Path file) {
    Objects.requireNonNull(file, "file");
    String where = "safetensors file " + file;
    FileChannel ch;
    try {
      ch = FileChannel.open(file, StandardOpenOption.READ);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      throw new ModelFormatException("cannot open " + where + ": " + e, e);
    }
    try {
      long size = ch.size();
      if (size < 8) {
        throw new ModelFormatException(
            where + ": file is " + size + " bytes, shorter than the 8-byte header length");
      }
      ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, lenBuf, 0, where);
      long n = lenBuf.getLong(0);
      if (n < 0 || n > size - 8) {
        throw new ModelFormatException(
            where + ": header length " + Long.toUnsignedString(n) + " exceeds the "
                + (size - 8) + " bytes after the length field");
      }
      if (n > MAX_HEADER_BYTES) {
        throw new ModelFormatException(
            where + ": header length " + n + " exceeds the limit of " + MAX_HEADER_BYTES);
      }
      ByteBuffer header = ByteBuffer.allocate((int) n);
      readFully(ch, header, 8, where);
      long dataSize = size - 8 - n;
      Map<String, String> metadata = new LinkedHashMap<>();
      Map<String, TensorInfo> infos =
          parseHeader(where, Json.utf8(header.array(), where), dataSize, metadata);
      return new SafetensorsFile(file, ch, 8 + n, infos, metadata);
    } catch (IOException e) {
      closeQuietly(ch);
      throw new ModelFormatException("cannot read " + where + ": " + e, e);
    } catch (RuntimeException e) {
      closeQuietly(ch);
      throw e;
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long pos, String where)
      throws IOException {
    while (buf.hasRemaining()) {
      int r = ch.read(buf, pos + buf.position());
      if (r < 0) {
        throw new ModelFormatException(where + ": file ended while reading the header");
      }
    }
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // already failing; the first error is the one to report
    }
  }

  private static Map<String, TensorInfo> parseHeader(
      String where, String text, long dataSize, Map<String, String> metadata) {
    List<TensorInfo> list = new ArrayList<>();
    try (JsonParser p = Json.factory().createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new ModelFormatException(where + ": header is not a JSON object");
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        p.nextToken();
        if (key.equals(METADATA_KEY)) {
          parseMetadata(p, where, metadata);
        } else {
          list.add(parseEntry(p, where + ", tensor " + Json.quote(key), key, dataSize));
        }
      }
      if (t != JsonToken.END_OBJECT) {
        throw new ModelFormatException(where + ": header is not a JSON object");
      }
      if (p.nextToken() != null) {
        throw new ModelFormatException(where + ": trailing content after the header JSON object");
      }
    } catch (IOException | IllegalStateException | IllegalArgumentException e) {
      throw Json.invalid(where + " header", e); // Jackson reports some limits as runtime errors
    }
    checkNoOverlap(where, list);
    Map<String, TensorInfo> infos = new LinkedHashMap<>();
    for (TensorInfo ti : list) {
      infos.put(ti.name(), ti);
    }
    return infos;
  }

  private static void parseMetadata(JsonParser p, String where, Map<String, String> out)
      throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new ModelFormatException(
          where + ": field '" + METADATA_KEY + "' must be an object of strings, found "
              + p.currentToken());
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String k = p.currentName();
      if (p.nextToken() != JsonToken.VALUE_STRING) {
        throw new ModelFormatException(
            where + ": field '" + METADATA_KEY + "' key " + Json.quote(k) + " must be a string, found "
                + p.currentToken());
      }
      out.put(k, p.getText());
    }
  }

  private static TensorInfo parseEntry(JsonParser p, String where, String name, long dataSize)
      throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new ModelFormatException(where + ": entry must be a JSON object, found "
          + p.currentToken());
    }
    String dtypeText = null;
    long[] shape = null;
    long[] offsets = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      switch (field) {
        case "dtype" -> {
          if (v != JsonToken.VALUE_STRING) {
            throw new ModelFormatException(where + ": field 'dtype' must be a string, found " + v);
          }
          dtypeText = p.getText();
        }
        case "shape" -> shape = longArray(p, where, "shape");
        case "data_offsets" -> offsets = longArray(p, where, "data_offsets");
        default -> throw new ModelFormatException(where + ": unknown field '" + field + "'");
      }
    }
    if (dtypeText == null) {
      throw new ModelFormatException(where + ": missing field 'dtype'");
    }
    if (shape == null) {
      throw new ModelFormatException(where + ": missing field 'shape'");
    }
    if (offsets == null) {
      throw new ModelFormatException(where + ": missing field 'data_offsets'");
    }
    DType dtype = DType.parse(dtypeText, where + " field 'dtype'");
    long count = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new ModelFormatException(
            where + ": field 'shape' " + Arrays.toString(shape) + " has a negative dimension");
      }
      try {
        count = Math.multiplyExact(count, d);
      } catch (ArithmeticException e) {
        throw new ModelFormatException(
            where + ": field 'shape' " + Arrays.toString(shape) + " has more elements than fit in"
                + " a long");
      }
    }
    if (count > Long.MAX_VALUE / dtype.byteSize()) {
      throw new ModelFormatException(
          where + ": field 'shape' " + Arrays.toString(shape) + " of " + dtype
              + " needs more bytes than fit in a long");
    }
    if (offsets.length != 2) {
      throw new ModelFormatException(
          where + ": field 'data_offsets' must be [begin, end], found " + Arrays.toString(offsets));
    }
    long begin = offsets[0];
    long end = offsets[1];
    if (begin < 0 || begin > end) {
      throw new ModelFormatException(
          where + ": field 'data_offsets' [" + begin + ", " + end + "] has begin > end");
    }
    if (end > dataSize) {
      throw new ModelFormatException(
          where + ": field 'data_offsets' end " + end + " is beyond the " + dataSize
              + " data bytes in the file");
    }
    long need = count * dtype.byteSize();
    if (end - begin != need) {
      throw new ModelFormatException(
          where + ": field 'data_offsets' spans " + (end - begin) + " bytes but shape "
              + Arrays.toString(shape) + " of " + dtype + " needs " + need);
    }
    return new TensorInfo(name, dtype, shape, begin, end);
  }

  private static long[] longArray(JsonParser p, String where, String field) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw new ModelFormatException(
          where + ": field '" + field + "' must be an array of integers, found "
              + p.currentToken());
    }
    long[] out = new long[4];
    int n = 0;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.VALUE_NUMBER_INT) {
        throw new ModelFormatException(
            where + ": field '" + field + "' must hold only integers, found " + t);
      }
      Long value = Json.longValue(p);
      if (value == null) {
        throw new ModelFormatException(
            where + ": field '" + field + "' has a value too large for a long");
      }
      long v = value;
      if (v < 0) {
        throw new ModelFormatException(
            where + ": field '" + field + "' has a negative value " + v
                + (field.equals("shape") ? " (negative dimension)" : ""));
      }
      if (n == out.length) {
        out = Arrays.copyOf(out, n * 2);
      }
      out[n++] = v;
    }
    return Arrays.copyOf(out, n);
  }

  private static void checkNoOverlap(String where, List<TensorInfo> list) {
    List<TensorInfo> sorted = new ArrayList<>(list);
    sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
    TensorInfo reach = null; // the tensor that ends furthest so far
    for (TensorInfo ti : sorted) {
      if (ti.byteLength() == 0) {
        continue;
      }
      if (reach != null && ti.begin() < reach.end()) {
        throw new ModelFormatException(
            where + ": tensor " + Json.quote(ti.name()) + " bytes [" + ti.begin() + ", "
                + ti.end() + ") overlap tensor " + Json.quote(reach.name()) + " bytes [" + reach.begin() + ", "
                + reach.end() + ")");
      }
      if (reach == null || ti.end() > reach.end()) {
        reach = ti;
      }
    }
  }

  /** The file this was opened from. */
  public Path path() {
    return path;
  }

  /** Tensor names in header order; unmodifiable. */
  public List<String> names() {
    return names;
  }

  /** Whether the header declares a tensor {@code name}. */
  public boolean contains(String name) {
    return infos.containsKey(name);
  }

  /**
   * The header entry for {@code name}.
   *
   * @throws ModelFormatException if there is no such tensor
   */
  public TensorInfo info(String name) {
    TensorInfo ti = infos.get(name);
    if (ti == null) {
      throw new ModelFormatException(
          "safetensors file " + path + ": no tensor " + Json.quote(name) + " (it has " + infos.size()
              + " tensors)");
    }
    return ti;
  }

  /** The {@code __metadata__} object in header order (empty if absent); unmodifiable. */
  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * Reads tensor {@code name} as float32: F32 as is, F16 and BF16 widened exactly, F64 narrowed
   * (rounded to nearest).
   *
   * @throws ModelFormatException if there is no such tensor, its dtype is not a float type, it has
   *     more than {@code Integer.MAX_VALUE - 8} elements, or the file can no longer be read
   * @throws IllegalStateException if this file was closed
   */
  public HostTensor read(String name) {
    TensorInfo ti = info(name);
    String where = "safetensors file " + path + ", tensor " + Json.quote(name);
    DType dtype = ti.dtype();
    if (!dtype.isFloat()) {
      throw new ModelFormatException(
          where + ": dtype " + dtype + " cannot be read as float (only F16, BF16, F32, F64)");
    }
    long count = ti.elementCount();
    if (count > Integer.MAX_VALUE - 8) {
      throw new ModelFormatException(
          where + ": " + count + " elements exceed the Java array limit");
    }
    if (!channel.isOpen()) {
      throw new IllegalStateException("safetensors file " + path + " is closed");
    }
    float[] out = new float[(int) count];
    int bs = dtype.byteSize();
    int perChunk = (int) (MAP_CHUNK_BYTES / bs);
    int done = 0;
    try {
      while (done < count) {
        int k = (int) Math.min(perChunk, count - done);
        ByteBuffer buf =
            channel
                .map(FileChannel.MapMode.READ_ONLY, dataStart + ti.begin() + (long) done * bs,
                    (long) k * bs)
                .order(ByteOrder.LITTLE_ENDIAN);
        decode(dtype, buf, out, done, k);
        done += k;
      }
    } catch (IOException e) {
      throw new ModelFormatException("cannot read " + where + ": " + e, e);
    }
    return new HostTensor(ti.shape(), out);
  }

  private static void decode(DType dtype, ByteBuffer buf, float[] out, int off, int k) {
    switch (dtype) {
      case F32 -> buf.asFloatBuffer().get(out, off, k);
      case F64 -> {
        DoubleBuffer d = buf.asDoubleBuffer();
        for (int i = 0; i < k; i++) {
          out[off + i] = (float) d.get(i);
        }
      }
      case F16 -> {
        ShortBuffer s = buf.asShortBuffer();
        for (int i = 0; i < k; i++) {
          out[off + i] = FloatCodec.halfToFloat(s.get(i));
        }
      }
      case BF16 -> {
        ShortBuffer s = buf.asShortBuffer();
        for (int i = 0; i < k; i++) {
          out[off + i] = FloatCodec.bf16ToFloat(s.get(i));
        }
      }
      default -> throw new IllegalArgumentException("not a float dtype: " + dtype);
    }
  }

  /** Releases the file channel; later reads fail. Idempotent. */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new ModelFormatException("cannot close safetensors file " + path + ": " + e, e);
    }
  }
}
