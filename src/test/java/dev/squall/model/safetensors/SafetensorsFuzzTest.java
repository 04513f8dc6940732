package dev.squall.model.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.squall.model.HostTensor;
import dev.squall.model.ModelFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutation fuzzing of a valid file: whatever the bytes, opening and reading may only ever
 * fail with {@link ModelFormatException}.
 */
class SafetensorsFuzzTest {
  private static final long SEED = 20261127L;
  private static final int ROUNDS = 3000;
  private static final byte[] JSON_BYTES =
      "{}[]\":,-+.0123456789eE \\u\u00ff\u0000".getBytes(StandardCharsets.ISO_8859_1);

  @TempDir Path dir;

  @Test
  void mutatedFilesOnlyEverFailWithModelFormatException() throws IOException {
    byte[] base = validFile();
    int[] outcome = new int[2]; // [opened and read everything, rejected]
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      Random r = new Random(SEED);
      for (int round = 0; round < ROUNDS; round++) {
        byte[] bytes = mutate(base, r);
        // a fresh file each round: rewriting one file in place makes ext4 flush on every close
        Path f = Files.write(dir.resolve("fuzz-" + round + ".safetensors"), bytes);
        try (SafetensorsFile sf = SafetensorsFile.open(f)) {
          for (String n : sf.names()) {
            TensorInfo info = sf.info(n);
            try {
              HostTensor t = sf.read(n);
              assertEquals(info.elementCount(), t.data().length, "round " + round);
            } catch (ModelFormatException e) {
              assertTrue(!info.dtype().isFloat(), "only non-float reads may fail: " + e);
            }
          }
          outcome[0]++;
        } catch (ModelFormatException e) {
          assertTrue(e.getMessage().contains(f.toString()), "file not named: " + e.getMessage());
          outcome[1]++;
        } catch (Throwable t) {
          fail("round " + round + " (seed " + SEED + "): " + t + " for bytes "
              + Arrays.toString(Arrays.copyOf(bytes, Math.min(bytes.length, 200))), t);
        }
        Files.delete(f);
      }
    });
    assertEquals(ROUNDS, outcome[0] + outcome[1]);
    assertTrue(outcome[0] > ROUNDS / 20 && outcome[1] > ROUNDS / 2,
        "mutations should mostly be rejected yet some survive: " + Arrays.toString(outcome));
  }

  private static byte[] validFile() throws IOException {
    Random r = new Random(1);
    Map<String, HostTensor> m = new LinkedHashMap<>();
    m.put("a", SafetensorsWriterTest.tensor(r, 2, 3));
    m.put("b", SafetensorsWriterTest.tensor(r, 4));
    m.put("c", SafetensorsWriterTest.tensor(r));
    Path tmp = Files.createTempFile("fuzz-base", ".safetensors");
    try {
      SafetensorsWriter.write(tmp, m, DType.BF16, Map.of("format", "pt"));
      byte[] bf16 = Files.readAllBytes(tmp);
      // splice in an I64 tensor and an F16/F32/F64 view by hand so every decoder is exercised
      String header =
          "{\"__metadata__\":{\"format\":\"pt\"},"
              + "\"a\":{\"dtype\":\"BF16\",\"shape\":[2,3],\"data_offsets\":[0,12]},"
              + "\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[12,16]},"
              + "\"f\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[16,20]},"
              + "\"ids\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[24,32]},"
              + "\"d\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[32,40]}}";
      byte[] data = new byte[40];
      long n = ByteBuffer.wrap(bf16).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
      System.arraycopy(bf16, (int) (8 + n), data, 0, 12);
      ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN)
          .putShort(12, (short) 0x3C00).putShort(14, (short) 0x7E00)
          .putFloat(16, 2.5f).putLong(24, 42).putDouble(32, Math.PI);
      return Raw.file(header, data);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static byte[] mutate(byte[] base, Random r) {
    byte[] b = base.clone();
    int headerEnd = (int) Math.min(b.length, 8 + ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN)
        .getLong(0));
    switch (r.nextInt(7)) {
      case 6 -> { // random bits in the data region: stays valid, exercises every decoder
        for (int k = 1 + r.nextInt(8); k > 0; k--) {
          b[headerEnd + r.nextInt(b.length - headerEnd)] = (byte) r.nextInt(256);
        }
      }
      case 0 -> { // random bytes anywhere
        for (int k = 1 + r.nextInt(4); k > 0; k--) {
          b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        }
      }
      case 1 -> { // JSON-significant bytes inside the header
        for (int k = 1 + r.nextInt(3); k > 0; k--) {
          b[8 + r.nextInt(headerEnd - 8)] = JSON_BYTES[r.nextInt(JSON_BYTES.length)];
        }
      }
      case 2 -> { // digits inside the header, to bend shapes and offsets
        b[8 + r.nextInt(headerEnd - 8)] = (byte) ('0' + r.nextInt(10));
      }
      case 3 -> b = Arrays.copyOf(b, r.nextInt(b.length)); // truncation
      case 4 -> { // a lying header length
        long len = switch (r.nextInt(4)) {
          case 0 -> r.nextLong();
          case 1 -> headerEnd - 8 + r.nextInt(33) - 16;
          case 2 -> 1L << r.nextInt(64);
          default -> r.nextInt(b.length);
        };
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, len);
      }
      default -> { // delete or duplicate a span of the header
        int at = 8 + r.nextInt(headerEnd - 8);
        int len = 1 + r.nextInt(Math.min(12, b.length - at));
        byte[] out = new byte[b.length - len];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + len, out, at, b.length - at - len);
        b = out;
      }
    }
    return b;
  }
}
