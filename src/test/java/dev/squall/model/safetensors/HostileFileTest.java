package dev.squall.model.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.model.ModelFormatException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One malformed file per test; each must be refused at open with the file (and tensor) named. */
class HostileFileTest {
  @TempDir Path dir;

  /** Opens {@code bytes} as a file and expects a ModelFormatException naming it and {@code words}. */
  private ModelFormatException rejected(byte[] bytes, String... words) {
    Path f = Raw.write(dir, "hostile.safetensors", bytes);
    return rejectedAt(f, words);
  }

  private static ModelFormatException rejectedAt(Path f, String... words) {
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> SafetensorsFile.open(f).close());
    assertMentions(e, f.toString());
    assertMentions(e, words);
    return e;
  }

  static void assertMentions(Exception e, String... words) {
    for (String w : words) {
      assertTrue(e.getMessage().contains(w), "message lacks '" + w + "': " + e.getMessage());
    }
  }

  private ModelFormatException rejectedHeader(String header, byte[] data, String... words) {
    return rejected(Raw.file(header, data), words);
  }

  @Test
  void fileShorterThan8Bytes() {
    rejected(new byte[] {1, 0, 0, 0, 0}, "5 bytes");
  }

  @Test
  void emptyFile() {
    rejected(new byte[0], "0 bytes");
  }

  @Test
  void headerLengthBeyondFile() {
    rejected(Raw.file(100, "{}".getBytes(StandardCharsets.UTF_8), new byte[0]), "100");
  }

  @Test
  void headerLength2Pow62DoesNotAllocate() {
    rejected(Raw.file(1L << 62, "{}".getBytes(StandardCharsets.UTF_8), new byte[16]),
        String.valueOf(1L << 62));
  }

  @Test
  void headerLengthWithTopBitSet() {
    rejected(Raw.file(-8, "{}".getBytes(StandardCharsets.UTF_8), new byte[0]),
        Long.toUnsignedString(-8));
  }

  @Test
  void headerLengthOverLimitEvenIfFileIsThatBig() throws IOException {
    Path f = dir.resolve("huge.safetensors");
    long n = SafetensorsFile.MAX_HEADER_BYTES + 8;
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.setLength(8 + n); // sparse: no real disk use
      raf.write(Raw.file(n, new byte[0], new byte[0]));
    }
    rejectedAt(f, "limit");
  }

  @Test
  void headerNotJson() {
    rejectedHeader("{\"w\": {dtype: F32}}", new byte[0], "invalid JSON");
  }

  @Test
  void headerNotUtf8() {
    byte[] h = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
    rejected(Raw.file(h.length, h, new byte[0]), "UTF-8");
  }

  @Test
  void headerJsonButNotObject() {
    rejectedHeader("[1, 2, 3]", new byte[0], "not a JSON object");
  }

  @Test
  void headerWithTrailingJson() {
    rejectedHeader("{} {}", new byte[0], "trailing");
  }

  @Test
  void entryNotAnObject() {
    rejectedHeader("{\"w\": [1]}", new byte[0], "'w'", "object");
  }

  @Test
  void entryMissingDtype() {
    rejectedHeader("{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4], "'w'", "dtype");
  }

  @Test
  void entryMissingShape() {
    rejectedHeader("{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", new byte[4], "'w'",
        "shape");
  }

  @Test
  void entryMissingDataOffsets() {
    rejectedHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", new byte[4], "'w'",
        "data_offsets");
  }

  @Test
  void unknownDtype() {
    rejectedHeader(Raw.entry("w", "Q4", "[2]", "[0,1]"), new byte[1], "'w'", "Q4", "dtype");
  }

  @Test
  void negativeDimension() {
    rejectedHeader(Raw.entry("w", "F32", "[2,-3]", "[0,0]"), new byte[0], "'w'", "shape",
        "negative");
  }

  @Test
  void fractionalDimension() {
    rejectedHeader(Raw.entry("w", "F32", "[1.5]", "[0,4]"), new byte[4], "'w'", "shape");
  }

  @Test
  void shapeProductOverflow() {
    rejectedHeader(Raw.entry("w", "F32", "[4294967296,4294967296]", "[0,4]"), new byte[4],
        "'w'", "shape");
  }

  @Test
  void shapeByteSizeOverflow() {
    rejectedHeader(Raw.entry("w", "F64", "[4611686018427387904]", "[0,8]"), new byte[8],
        "'w'", "shape");
  }

  @Test
  void hugeIntegerInOffsets() {
    rejectedHeader(Raw.entry("w", "F32", "[1]", "[0,99999999999999999999999]"), new byte[4],
        "'w'", "data_offsets", "too large");
  }

  @Test
  void millionDigitNumberIsRejectedQuickly() {
    String digits = "9".repeat(1_000_000);
    assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
        rejectedHeader(Raw.entry("w", "F32", "[" + digits + "]", "[0,4]"), new byte[4], "header",
            "Number value length"));
  }

  @Test
  void hugeTensorNameIsCutInMessages() {
    // Below Jackson's own 50,000-character name limit, so our message shortening is exercised.
    String name = "n".repeat(40_000);
    ModelFormatException e =
        rejectedHeader(Raw.entry(name, "Q4", "[1]", "[0,1]"), new byte[1], "Q4", "nnnn…'");
    assertTrue(e.getMessage().length() < 2000, "message length " + e.getMessage().length());
  }

  /**
   * Keys built from "Aa"/"BB" share one String.hashCode: the hash sets and maps behind duplicate
   * detection and the tensor index must stay fast. (Jackson's symbol table uses its own seeded
   * hash, so it is hardened by configuration in {@code Json.factory()}, not tested here.)
   */
  @Test
  void manyKeysWithCollidingHashesStillParse() {
    StringBuilder h = new StringBuilder("{");
    int count = 1 << 14;
    for (int i = 0; i < count; i++) {
      StringBuilder key = new StringBuilder();
      for (int bit = 0; bit < 14; bit++) {
        key.append((i >> bit & 1) == 0 ? "Aa" : "BB");
      }
      if (i > 0) {
        h.append(',');
      }
      h.append('"').append(key).append("\":{\"dtype\":\"F32\",\"shape\":[0],"
          + "\"data_offsets\":[0,0]}");
    }
    h.append('}');
    Path f = Raw.write(dir, "collide.safetensors", Raw.file(h.toString(), new byte[0]));
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      try (SafetensorsFile sf = SafetensorsFile.open(f)) {
        assertEquals(count, sf.names().size());
        assertEquals(0, sf.read(sf.names().get(count - 1)).data().length);
      }
    });
  }

  @Test
  void beginAfterEnd() {
    rejectedHeader(Raw.entry("w", "F32", "[0]", "[8,4]"), new byte[8], "'w'", "data_offsets",
        "begin > end");
  }

  @Test
  void offsetsNotAPair() {
    rejectedHeader(Raw.entry("w", "F32", "[1]", "[0,4,8]"), new byte[8], "'w'",
        "data_offsets");
  }

  @Test
  void endBeyondData() {
    rejectedHeader(Raw.entry("w", "F32", "[4]", "[0,16]"), new byte[12], "'w'", "data_offsets",
        "beyond");
  }

  @Test
  void overlappingTensors() {
    String header =
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
    rejectedHeader(header, new byte[16], "'a'", "'b'", "overlap");
  }

  @Test
  void tensorInsideAnotherOverlaps() {
    String header =
        "{\"outer\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
            + "\"first\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
            + "\"inner\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
    rejectedHeader(header, new byte[16], "overlap", "'outer'");
  }

  @Test
  void sizeMismatch() {
    rejectedHeader(Raw.entry("w", "F32", "[3]", "[0,8]"), new byte[12], "'w'", "8 bytes",
        "needs 12");
  }

  @Test
  void duplicateKey() {
    String header =
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
            + "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
    rejectedHeader(header, new byte[8], "Duplicate", "'w'");
  }

  @Test
  void duplicateFieldInsideEntry() {
    rejectedHeader(
        "{\"w\":{\"dtype\":\"F32\",\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,4]}}",
        new byte[4], "Duplicate", "dtype");
  }

  @Test
  void unknownFieldInEntry() {
    rejectedHeader(
        "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"extra\":1}}",
        new byte[4], "'w'", "extra");
  }

  @Test
  void metadataValueNotString() {
    rejectedHeader("{\"__metadata__\":{\"format\":\"pt\",\"n\":1}}", new byte[0],
        "__metadata__", "'n'");
  }

  @Test
  void metadataNotObject() {
    rejectedHeader("{\"__metadata__\":[\"pt\"]}", new byte[0], "__metadata__");
  }

  @Test
  void readingI64AsFloat() {
    Path f =
        Raw.write(dir, "ints.safetensors",
            Raw.file(Raw.entry("ids", "I64", "[2]", "[0,16]"), Raw.i64(1, 2)));
    try (SafetensorsFile sf = SafetensorsFile.open(f)) {
      ModelFormatException e = assertThrows(ModelFormatException.class, () -> sf.read("ids"));
      assertMentions(e, f.toString(), "'ids'", "I64");
    }
  }

  @Test
  void readingMissingTensor() {
    Path f =
        Raw.write(dir, "one.safetensors",
            Raw.file(Raw.entry("w", "F32", "[1]", "[0,4]"), Raw.f32(1)));
    try (SafetensorsFile sf = SafetensorsFile.open(f)) {
      ModelFormatException e = assertThrows(ModelFormatException.class, () -> sf.read("nope"));
      assertMentions(e, f.toString(), "'nope'");
      e = assertThrows(ModelFormatException.class, () -> sf.info("nope"));
      assertMentions(e, f.toString(), "'nope'");
    }
  }

  @Test
  void missingFile() {
    Path f = dir.resolve("absent.safetensors");
    assertMentions(assertThrows(ModelFormatException.class, () -> SafetensorsFile.open(f)),
        f.toString());
  }
}
