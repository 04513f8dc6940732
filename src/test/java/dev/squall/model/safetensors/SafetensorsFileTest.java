package dev.squall.model.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.model.HostTensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading files built byte by byte, independent of {@link SafetensorsWriter}. */
class SafetensorsFileTest {
  @TempDir Path dir;

  @Test
  void bf16KnownBitPatterns() {
    int[] bits = {0x3F80, 0xC000, 0x4049, 0x7F80, 0xFF80, 0x7FC0, 0x0001, 0x8000};
    Path f =
        Raw.write(dir, "bf16.safetensors",
            Raw.file(Raw.entry("w", "BF16", "[2,4]", "[0,16]"), Raw.u16(bits)));
    try (SafetensorsFile sf = SafetensorsFile.open(f)) {
      HostTensor t = sf.read("w");
      assertArrayEquals(new long[] {2, 4}, t.shape());
      float[] v = t.data();
      assertEquals(1.0f, v[0]);
      assertEquals(-2.0f, v[1]);
      assertEquals(3.140625f, v[2]);
      assertEquals(Float.POSITIVE_INFINITY, v[3]);
      assertEquals(Float.NEGATIVE_INFINITY, v[4]);
      assertTrue(Float.isNaN(v[5]));
      assertEquals(0x1p-133f, v[6]);
      assertEquals(9.18e-41, v[6], 0.01e-41);
      assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(v[7]));
    }
  }

  @Test
  void f16KnownBitPatterns() {
    int[] bits = {0x3C00, 0x7BFF, 0x0001, 0xFC00, 0x7E00, 0x3555};
    Path f =
        Raw.write(dir, "f16.safetensors",
            Raw.file(Raw.entry("h", "F16", "[6]", "[0,12]"), Raw.u16(bits)));
    try (SafetensorsFile sf = SafetensorsFile.open(f)) {
      float[] v = sf.read("h").data();
      assertEquals(1.0f, v[0]);
      assertEquals(65504f, v[1]);
      assertEquals(0x1p-24f, v[2]);
      assertEquals(Float.NEGATIVE_INFINITY, v[3]);
      assertTrue(Float.isNaN(v[4]));
      assertEquals(0.33325195f, v[5], 1e-8f);
      assertEquals(0.25f * (1 + 341f / 1024), v[5]);
    }
  }

  @Test
  void f32AndF64AndScalarAndEmptyAndMetadataAndOrder() {
    String header =
        "{\"zeta\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[12,28]},"
            + "\"__metadata__\":{\"format\":\"pt\",\"note\":\"héllo\"},"
            + "\"alpha\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]},"
            + "\"empty\":{\"dtype\":\"F32\",\"shape\":[0,3],\"data_offsets\":[4,4]},"
            + "\"mid\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}   ";
    byte[] data = concat(Raw.f32(7.5f, -1f, 2f), Raw.f64(0.1, -1e300));
    Path f = Raw.write(dir, "mixed.safetensors", Raw.file(header, data));
    try (SafetensorsFile sf = SafetensorsFile.open(f)) {
      assertEquals(f, sf.path());
      assertEquals(List.of("zeta", "alpha", "empty", "mid"), sf.names());
      assertEquals(Map.of("format", "pt", "note", "héllo"), sf.metadata());
      assertEquals(List.of("format", "note"), List.copyOf(sf.metadata().keySet()));
      assertTrue(sf.contains("mid"));
      assertFalse(sf.contains("__metadata__"));
      assertEquals(new TensorInfo("mid", DType.F32, new long[] {2}, 4, 12), sf.info("mid"));
      HostTensor scalar = sf.read("alpha");
      assertEquals(0, scalar.rank());
      assertArrayEquals(new float[] {7.5f}, scalar.data());
      assertEquals(0, sf.read("empty").data().length);
      assertArrayEquals(new float[] {-1f, 2f}, sf.read("mid").data());
      assertArrayEquals(new float[] {0.1f, Float.NEGATIVE_INFINITY}, sf.read("zeta").data());
    }
  }

  @Test
  void readAfterCloseFails() {
    Path f =
        Raw.write(dir, "c.safetensors",
            Raw.file(Raw.entry("w", "F32", "[1]", "[0,4]"), Raw.f32(1f)));
    SafetensorsFile sf = SafetensorsFile.open(f);
    sf.close();
    sf.close(); // idempotent
    assertThrows(IllegalStateException.class, () -> sf.read("w"));
  }

  @Test
  void dtypeParsing() {
    assertEquals(DType.F8_E4M3, DType.parse("F8_E4M3", "x"));
    assertEquals(2, DType.BF16.byteSize());
    assertEquals(8, DType.U64.byteSize());
    assertTrue(DType.F64.isFloat());
    assertFalse(DType.F8_E5M2.isFloat());
    assertFalse(DType.I32.isFloat());
    var e =
        assertThrows(dev.squall.model.ModelFormatException.class,
            () -> DType.parse("f32", "file x, tensor 'y'"));
    assertTrue(e.getMessage().contains("file x, tensor 'y'"), e.getMessage());
    assertTrue(e.getMessage().contains("\"f32\""), e.getMessage());
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int o = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, o, p.length);
      o += p.length;
    }
    return out;
  }
}
