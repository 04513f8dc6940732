package dev.squall.model.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.model.HostTensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsWriterTest {
  @TempDir Path dir;

  @Test
  void f32RoundTripIsExact() {
    Map<String, HostTensor> in = sample(1);
    in.put("specials", new HostTensor(new long[] {6}, new float[] {
        Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, Float.MIN_VALUE,
        Float.MAX_VALUE}));
    Path f = dir.resolve("a.safetensors");
    SafetensorsWriter.write(f, in, DType.F32, null);
    try (SafetensorsFile sf = SafetensorsFile.open(f)) {
      assertEquals(List.copyOf(in.keySet()), sf.names());
      for (String n : in.keySet()) {
        assertEquals(DType.F32, sf.info(n).dtype());
        assertEquals(in.get(n), sf.read(n), n);
      }
      assertEquals(Map.of(), sf.metadata());
    }
  }

  @Test
  void f16RoundTripWithinHalfPrecision() {
    roundTripWithin(DType.F16, 0x1p-11, 0x1p-25);
  }

  @Test
  void bf16RoundTripWithinBf16Precision() {
    roundTripWithin(DType.BF16, 0x1p-8, 0);
  }

  private void roundTripWithin(DType dtype, double relative, double absolute) {
    Map<String, HostTensor> in = sample(2);
    in.put("specials", new HostTensor(new long[] {5}, new float[] {
        Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 1e-6f}));
    Path f = dir.resolve(dtype + ".safetensors");
    SafetensorsWriter.write(f, in, dtype, Map.of("k", "v"));
    try (SafetensorsFile sf = SafetensorsFile.open(f)) {
      for (String n : in.keySet()) {
        TensorInfo info = sf.info(n);
        assertEquals(dtype, info.dtype());
        assertEquals(2L * info.elementCount(), info.end() - info.begin());
        HostTensor out = sf.read(n);
        assertArrayEquals(in.get(n).shape(), out.shape());
        float[] a = in.get(n).data();
        float[] b = out.data();
        for (int i = 0; i < a.length; i++) {
          if (Float.isNaN(a[i]) || Float.isInfinite(a[i])) {
            assertEquals(a[i], b[i], n + "[" + i + "]");
          } else {
            double tol = Math.max(Math.abs(a[i]) * relative, absolute);
            assertEquals(a[i], b[i], tol, n + "[" + i + "]");
          }
        }
      }
    }
  }

  @Test
  void metadataRoundTripsInOrder() {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("format", "pt");
    meta.put("zz \"quoted\" \\ ünïcode \n", "value with \t tab");
    meta.put("aa", "");
    Path f = dir.resolve("m.safetensors");
    SafetensorsWriter.write(f, sample(3), DType.F32, meta);
    try (SafetensorsFile sf = SafetensorsFile.open(f)) {
      assertEquals(meta, sf.metadata());
      assertEquals(List.copyOf(meta.keySet()), List.copyOf(sf.metadata().keySet()));
    }
  }

  @Test
  void iterationOrderIsKept() {
    Map<String, HostTensor> in = new LinkedHashMap<>();
    for (String n : new String[] {"zeta", "alpha", "mu", "beta.weight", "a"}) {
      in.put(n, new HostTensor(new long[] {1}, new float[] {n.length()}));
    }
    Path f = dir.resolve("o.safetensors");
    SafetensorsWriter.write(f, in, DType.BF16, null);
    try (SafetensorsFile sf = SafetensorsFile.open(f)) {
      assertEquals(List.of("zeta", "alpha", "mu", "beta.weight", "a"), sf.names());
      long expectBegin = 0;
      for (String n : sf.names()) {
        assertEquals(expectBegin, sf.info(n).begin(), "contiguous in order: " + n);
        expectBegin = sf.info(n).end();
      }
    }
  }

  @Test
  void bytesAreDeterministicAlignedAndMatchHandComputedLayout() throws IOException {
    Path a = dir.resolve("a.safetensors");
    Path b = dir.resolve("b.safetensors");
    SafetensorsWriter.write(a, sample(4), DType.F16, Map.of("format", "pt"));
    SafetensorsWriter.write(b, sample(4), DType.F16, Map.of("format", "pt"));
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));

    Path c = dir.resolve("c.safetensors");
    SafetensorsWriter.write(
        c, Map.of("a", new HostTensor(new long[] {1}, new float[] {1f})), DType.F32, null);
    String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
    assertEquals(54, json.length());
    byte[] expected = Raw.file(json + "  ", Raw.f32(1f)); // padded to 56: 8 + 56 = 64
    assertArrayEquals(expected, Files.readAllBytes(c));

    for (Path p : List.of(a, b, c)) {
      byte[] bytes = Files.readAllBytes(p);
      long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
      assertEquals(0, (8 + n) % 8, p.toString());
      String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
      assertEquals(header.stripTrailing() + " ".repeat(header.length()
          - header.stripTrailing().length()), header);
      assertTrue(header.stripTrailing().endsWith("}"));
    }
  }

  @Test
  void writeIsAtomicAndLeavesNoTempFiles() throws IOException {
    Path f = dir.resolve("w.safetensors");
    Files.writeString(f, "old junk");
    SafetensorsWriter.write(f, sample(5), DType.F32, null);
    try (SafetensorsFile sf = SafetensorsFile.open(f)) {
      assertEquals(List.copyOf(sample(5).keySet()), sf.names());
    }
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(f), s.toList());
    }
  }

  @Test
  void rejectsBadArguments() {
    Path f = dir.resolve("x.safetensors");
    assertThrows(IllegalArgumentException.class,
        () -> SafetensorsWriter.write(f, sample(1), DType.I64, null));
    assertThrows(IllegalArgumentException.class,
        () -> SafetensorsWriter.write(f, Map.of("__metadata__",
            new HostTensor(new long[] {1}, new float[] {1})), DType.F32, null));
    assertThrows(IllegalArgumentException.class,
        () -> SafetensorsWriter.writeSharded(dir, sample(1), DType.F32, 0));
  }

  @Test
  void shardedRoundTripThroughWeightStore() throws IOException {
    Map<String, HostTensor> in = new LinkedHashMap<>();
    Random r = new Random(9);
    for (int i = 0; i < 5; i++) {
      in.put("layer." + (4 - i) + ".w", tensor(r, 2, 2)); // 16 bytes each as F32
    }
    in.put("big", tensor(r, 20)); // 80 bytes: a shard of its own
    in.put("tail", tensor(r, 1));
    Path folder = dir.resolve("model");
    SafetensorsWriter.writeSharded(folder, in, DType.F32, 40);
    // [l4, l3] 32, [l2, l1] 32, [l0] 16, [big] 80, [tail] 4
    List<String> expectedFiles = List.of(
        "model-00001-of-00005.safetensors", "model-00002-of-00005.safetensors",
        "model-00003-of-00005.safetensors", "model-00004-of-00005.safetensors",
        "model-00005-of-00005.safetensors");
    String index = Files.readString(folder.resolve("model.safetensors.index.json"));
    assertTrue(index.contains("\"total_size\" : 164"), index);
    assertTrue(index.contains("\"big\" : \"model-00004-of-00005.safetensors\""), index);
    try (WeightStore ws = WeightStore.open(folder)) {
      assertEquals(List.copyOf(in.keySet()), List.copyOf(ws.names()));
      List<String> files = ws.files().stream().map(p -> p.getFileName().toString()).toList();
      assertEquals(expectedFiles, files);
      assertEquals(164, ws.totalBytes());
      for (String n : in.keySet()) {
        assertEquals(in.get(n), ws.read(n), n);
      }
      assertEquals(in.get("big"), ws.require("big", 20));
      assertEquals(DType.F32, ws.info("tail").dtype());
    }
    try (SafetensorsFile shard = SafetensorsFile.open(folder.resolve(expectedFiles.get(0)))) {
      assertEquals(Map.of("format", "pt"), shard.metadata());
      assertEquals(List.of("layer.4.w", "layer.3.w"), shard.names());
    }
    // deterministic: writing again gives the same bytes everywhere
    Path again = dir.resolve("again");
    SafetensorsWriter.writeSharded(again, in, DType.F32, 40);
    for (String name : expectedFiles) {
      assertArrayEquals(Files.readAllBytes(folder.resolve(name)),
          Files.readAllBytes(again.resolve(name)), name);
    }
  }

  @Test
  void singleFileWeightStore() {
    Path folder = dir.resolve("single");
    Map<String, HostTensor> in = sample(6);
    SafetensorsWriter.write(folder.resolve("model.safetensors"), in, DType.BF16, null);
    try (WeightStore ws = WeightStore.open(folder)) {
      assertEquals(List.copyOf(in.keySet()), List.copyOf(ws.names()));
      assertEquals(List.of(folder.resolve("model.safetensors")), ws.files());
      long bytes = 0;
      for (HostTensor t : in.values()) {
        bytes += 2L * t.data().length;
      }
      assertEquals(bytes, ws.totalBytes());
      assertTrue(ws.contains("emb"));
      assertArrayEquals(new long[] {3, 4}, ws.require("emb", 3, 4).shape());
    }
  }

  static Map<String, HostTensor> sample(long seed) {
    Random r = new Random(seed);
    Map<String, HostTensor> m = new LinkedHashMap<>();
    m.put("emb", tensor(r, 3, 4));
    m.put("scalar", tensor(r));
    m.put("norm", tensor(r, 7));
    m.put("empty", new HostTensor(new long[] {0, 5}, new float[0]));
    m.put("cube", tensor(r, 2, 3, 5));
    return m;
  }

  static HostTensor tensor(Random r, long... shape) {
    float[] d = new float[(int) HostTensor.elementCount(shape)];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(7) - 3));
    }
    return new HostTensor(shape, d);
  }
}
