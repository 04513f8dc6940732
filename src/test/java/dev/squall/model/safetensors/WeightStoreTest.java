package dev.squall.model.safetensors;

import static dev.squall.model.safetensors.HostileFileTest.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.squall.model.HostTensor;
import dev.squall.model.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightStoreTest {
  @TempDir Path dir;
  Path folder;
  Path index;

  @BeforeEach
  void shards() throws IOException {
    folder = Files.createDirectories(dir.resolve("model"));
    index = folder.resolve("model.safetensors.index.json");
    Map<String, HostTensor> a = new LinkedHashMap<>();
    a.put("embed", new HostTensor(new long[] {2, 3}, new float[6]));
    SafetensorsWriter.write(folder.resolve("model-00001-of-00002.safetensors"), a, DType.F32,
        null);
    Map<String, HostTensor> b = new LinkedHashMap<>();
    b.put("norm", new HostTensor(new long[] {3}, new float[] {1, 2, 3}));
    SafetensorsWriter.write(folder.resolve("model-00002-of-00002.safetensors"), b, DType.BF16,
        null);
  }

  private void index(String weightMapBody) throws IOException {
    Files.writeString(index,
        "{\"metadata\": {\"total_size\": 30, \"nested\": [{\"x\": [1]}]}, \"weight_map\": {"
            + weightMapBody + "}}");
  }

  private ModelFormatException rejected(String... words) {
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> WeightStore.open(folder).close());
    assertMentions(e, words);
    return e;
  }

  @Test
  void validIndexOpens() throws IOException {
    index("\"norm\": \"model-00002-of-00002.safetensors\","
        + " \"embed\": \"model-00001-of-00002.safetensors\"");
    try (WeightStore ws = WeightStore.open(folder)) {
      assertEquals(List.of("norm", "embed"), List.copyOf(ws.names()));
      assertEquals(List.of(folder.resolve("model-00002-of-00002.safetensors"),
          folder.resolve("model-00001-of-00002.safetensors")), ws.files());
      assertEquals(6 + 24, ws.totalBytes());
      assertEquals(new HostTensor(new long[] {3}, new float[] {1, 2, 3}), ws.read("norm"));
      assertFalse(ws.contains("lm_head"));
    }
  }

  @Test
  void noWeightsInFolder() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> WeightStore.open(empty));
    assertMentions(e, "no model.safetensors or model.safetensors.index.json in " + empty);
  }

  @Test
  void indexWithParentTraversal() throws IOException {
    Files.copy(folder.resolve("model-00001-of-00002.safetensors"),
        dir.resolve("evil.safetensors"));
    index("\"embed\": \"../evil.safetensors\"");
    rejected(index.toString(), "'embed'", "../evil.safetensors", "plain file name");
  }

  @Test
  void indexWithAbsolutePath() throws IOException {
    Path abs = folder.resolve("model-00001-of-00002.safetensors").toAbsolutePath();
    index("\"embed\": \"" + abs + "\"");
    rejected(index.toString(), "'embed'", "plain file name");
  }

  @Test
  void indexWithSubdirectoryOrBackslash() throws IOException {
    index("\"embed\": \"sub/model-00001-of-00002.safetensors\"");
    rejected(index.toString(), "'embed'", "plain file name");
    index("\"embed\": \"..\\\\evil.safetensors\"");
    rejected(index.toString(), "'embed'", "plain file name");
  }

  @Test
  void indexPointingAtMissingShard() throws IOException {
    index("\"embed\": \"model-00009-of-00009.safetensors\"");
    rejected(index.toString(), "'embed'", "model-00009-of-00009.safetensors", "does not exist");
  }

  @Test
  void indexNamingTensorAbsentFromItsShard() throws IOException {
    index("\"embed\": \"model-00001-of-00002.safetensors\","
        + " \"norm\": \"model-00001-of-00002.safetensors\"");
    rejected(index.toString(), "'norm'", "model-00001-of-00002.safetensors", "no such tensor");
  }

  @Test
  void indexWeightMapNotStrings() throws IOException {
    index("\"embed\": 1");
    rejected(index.toString(), "weight_map", "'embed'");
  }

  @Test
  void indexWithoutWeightMap() throws IOException {
    Files.writeString(index, "{\"metadata\": {}}");
    rejected(index.toString(), "weight_map");
  }

  @Test
  void indexNotJson() throws IOException {
    Files.writeString(index, "{\"weight_map\": ");
    rejected(index.toString(), "invalid JSON");
  }

  @Test
  void indexWithDuplicateTensor() throws IOException {
    index("\"embed\": \"model-00001-of-00002.safetensors\","
        + " \"embed\": \"model-00002-of-00002.safetensors\"");
    rejected(index.toString(), "Duplicate", "embed");
  }

  @Test
  void hostileShardIsRejectedWithItsName() throws IOException {
    Path shard = folder.resolve("model-00002-of-00002.safetensors");
    Files.write(shard, new byte[] {1, 2, 3});
    index("\"norm\": \"model-00002-of-00002.safetensors\"");
    rejected(shard.toString());
  }

  @Test
  void readOrInfoOfUnknownTensorNamesFolderAndTensor() throws IOException {
    index("\"norm\": \"model-00002-of-00002.safetensors\"");
    try (WeightStore ws = WeightStore.open(folder)) {
      assertMentions(assertThrows(ModelFormatException.class, () -> ws.read("lm_head.weight")),
          folder.toString(), "'lm_head.weight'");
      assertMentions(assertThrows(ModelFormatException.class, () -> ws.info("lm_head.weight")),
          folder.toString(), "'lm_head.weight'");
      assertMentions(
          assertThrows(ModelFormatException.class, () -> ws.require("lm_head.weight", 3)),
          folder.toString(), "'lm_head.weight'");
    }
  }

  @Test
  void requireWithWrongShape() throws IOException {
    index("\"embed\": \"model-00001-of-00002.safetensors\"");
    try (WeightStore ws = WeightStore.open(folder)) {
      assertEquals(6, ws.require("embed", 2, 3).data().length);
      ModelFormatException e =
          assertThrows(ModelFormatException.class, () -> ws.require("embed", 3, 2));
      assertMentions(e, "'embed'", folder.toString(), "expected shape [3, 2]", "found [2, 3]");
      e = assertThrows(ModelFormatException.class, () -> ws.require("embed", 6));
      assertMentions(e, "expected shape [6]", "found [2, 3]");
    }
  }

  @Test
  void singleFileTakesPrecedenceOverIndex() throws IOException {
    index("\"embed\": \"missing.safetensors\""); // would fail if consulted
    SafetensorsWriter.write(folder.resolve("model.safetensors"),
        Map.of("x", new HostTensor(new long[] {1}, new float[] {4})), DType.F16, null);
    try (WeightStore ws = WeightStore.open(folder)) {
      assertEquals(List.of("x"), List.copyOf(ws.names()));
      assertEquals(4f, ws.read("x").data()[0]);
    }
  }
}
