package dev.squall.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.world.PreferencePair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadersTest {
  @TempDir Path dir;

  private Path write(String name, String... lines) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return p;
  }

  private static void assertStrictError(
      RowReader<?> reader, Path file, long line, String field) {
    DataFormatException e = assertThrows(DataFormatException.class, reader::toList);
    assertEquals(line, e.lineNumber());
    assertEquals(field, e.field());
    assertTrue(
        e.getMessage().startsWith(file + ":" + line + ": field '" + field + "'"), e.getMessage());
  }

  @Test
  void rewardBenchV1() throws IOException {
    Path f =
        write(
            "rb.jsonl",
            "{\"prompt\":\"p\",\"chosen\":\"c\",\"rejected\":\"r\",\"subset\":\"hep-go\",\"id\":7}",
            "",
            "{\"prompt\":\"p2\",\"rejected\":\"r\",\"subset\":\"hep-go\",\"id\":8}",
            "{\"prompt\":\"p3\",\"chosen\":\"c\",\"rejected\":\"r\",\"subset\":\"x\",\"id\":\"9\"}",
            "{not json");
    try (RowReader<PreferencePair> r = Loaders.rewardBench(f, Strictness.STRICT)) {
      assertTrue(r.hasNext());
      PreferencePair p = r.next();
      assertEquals("7", p.id());
      assertEquals("hep-go", p.subset());
      assertStrictError(r, f, 3, "chosen");
    }
    try (RowReader<PreferencePair> r = Loaders.rewardBench(f, Strictness.LENIENT)) {
      List<PreferencePair> rows = r.toList();
      assertEquals(List.of("7", "9"), rows.stream().map(PreferencePair::id).toList());
      assertEquals(2, r.skipped());
      assertEquals(2, r.rowsRead());
      assertTrue(r.problems().get(0).contains(f + ":3: field 'chosen'"), r.problems().toString());
      assertTrue(r.problems().get(1).contains(":5: field '(json)'"), r.problems().toString());
    }
  }

  @Test
  void rewardBench2() throws IOException {
    Path f =
        write(
            "rb2.jsonl",
            "{\"id\":\"a\",\"prompt\":\"p\",\"chosen\":[\"c\"],\"rejected\":[\"r1\",\"r2\",\"r3\"],"
                + "\"subset\":\"Math\"}",
            "{\"id\":\"b\",\"prompt\":\"p\",\"chosen\":\"c\",\"rejected\":[\"r1\"],"
                + "\"subset\":\"Math\"}",
            "{\"id\":\"c\",\"prompt\":\"p\",\"chosen\":[\"c\"],\"rejected\":[],\"subset\":\"Math\"}");
    try (RowReader<RewardBench2Row> r = Loaders.rewardBench2(f, Strictness.STRICT)) {
      RewardBench2Row row = r.next();
      assertEquals(List.of("r1", "r2", "r3"), row.rejected());
      assertEquals("Math", row.subset());
      assertStrictError(r, f, 2, "chosen");
    }
    try (RowReader<RewardBench2Row> r = Loaders.rewardBench2(f, Strictness.LENIENT)) {
      assertEquals(1, r.toList().size());
      assertEquals(2, r.skipped());
      assertTrue(r.problems().get(1).contains(":3: field 'rejected'"), r.problems().toString());
    }
  }

  @Test
  void rmBench() throws IOException {
    Path f =
        write(
            "rmb.jsonl",
            "{\"id\":1,\"prompt\":\"p\",\"chosen\":[\"a\",\"b\",\"c\"],\"rejected\":[\"x\",\"y\",\"z\"],"
                + "\"domain\":\"math\"}",
            "{\"id\":2,\"prompt\":\"p\",\"chosen\":[\"a\",\"b\"],\"rejected\":[\"x\",\"y\",\"z\"],"
                + "\"domain\":\"math\"}",
            "{\"id\":3,\"prompt\":\"p\",\"chosen\":[\"a\",\"b\",\"c\"],\"rejected\":[\"x\",\"y\",\"z\"]}");
    try (RowReader<RmBenchRow> r = Loaders.rmBench(f, Strictness.STRICT)) {
      RmBenchRow row = r.next();
      assertEquals("1", row.id());
      assertEquals("math", row.domain());
      assertEquals("c", row.chosen().get(2));
      assertStrictError(r, f, 2, "chosen");
    }
    try (RowReader<RmBenchRow> r = Loaders.rmBench(f, Strictness.LENIENT)) {
      assertEquals(1, r.toList().size());
      assertEquals(2, r.skipped());
      assertTrue(r.problems().get(1).contains(":3: field 'domain': missing"), r.problems().get(1));
    }
  }

  @Test
  void hhRlhfSplitsAtTheLastAssistantTurn() throws IOException {
    String history = "\\n\\nHuman: Hi\\n\\nAssistant: Hello.\\n\\nHuman: 2+2?";
    Path f =
        write(
            "hh.jsonl",
            "{\"chosen\":\"" + history + "\\n\\nAssistant: 4\",\"rejected\":\"" + history
                + "\\n\\nAssistant: 5\"}",
            "{\"chosen\":\"\\n\\nHuman: a\\n\\nAssistant: b\",\"rejected\":\"\\n\\nHuman: OTHER"
                + "\\n\\nAssistant: c\"}",
            "{\"chosen\":\"no turns here\",\"rejected\":\"\\n\\nHuman: a\\n\\nAssistant: b\"}");
    try (RowReader<PreferencePair> r = Loaders.hhRlhf(f, Strictness.STRICT)) {
      PreferencePair p = r.next();
      assertEquals("\n\nHuman: Hi\n\nAssistant: Hello.\n\nHuman: 2+2?", p.prompt());
      assertEquals("4", p.chosen());
      assertEquals("5", p.rejected());
      assertEquals("hh-1", p.id());
      assertStrictError(r, f, 2, "rejected");
    }
    try (RowReader<PreferencePair> r = Loaders.hhRlhf(f, Strictness.LENIENT)) {
      assertEquals(1, r.toList().size());
      assertEquals(2, r.skipped());
      assertTrue(r.problems().get(1).contains(":3: field 'chosen'"), r.problems().get(1));
    }
  }

  @Test
  void genericJsonlWithFieldMapping() throws IOException {
    Path f =
        write(
            "gen.jsonl",
            "{\"q\":\"p\",\"good\":\"c\",\"bad\":\"r\",\"key\":\"k1\"}",
            "{\"q\":\"p\",\"good\":3,\"bad\":\"r\",\"key\":\"k2\"}");
    FieldMapping m = new FieldMapping("q", "good", "bad", "key", null);
    try (RowReader<PreferencePair> r = Loaders.jsonl(f, m, Strictness.STRICT)) {
      PreferencePair p = r.next();
      assertEquals("k1", p.id());
      assertEquals("gen.jsonl", p.subset());
      assertEquals("c", p.chosen());
      assertStrictError(r, f, 2, "good");
    }
    try (Stream<PreferencePair> s =
        Loaders.jsonl(f, FieldMapping.of("q", "good", "bad"), Strictness.LENIENT).stream()) {
      assertEquals(List.of("line-1"), s.map(PreferencePair::id).toList());
    }
  }

  @Test
  void csvWithQuotesAndMultilineFields() throws IOException {
    Path f =
        write(
            "gen.csv",
            "id,question,good,bad",
            "1,plain,yes,no",
            "2,\"with, comma\",\"say \"\"hi\"\"\",\"two",
            "lines\"",
            "3,too,few",
            "4,\"bad\"x,a,b",
            "5,last,ok,nope");
    FieldMapping m = new FieldMapping("question", "good", "bad", "id", null);
    try (RowReader<PreferencePair> r = Loaders.csv(f, m, Strictness.STRICT)) {
      assertEquals("plain", r.next().prompt());
      PreferencePair p = r.next();
      assertEquals("with, comma", p.prompt());
      assertEquals("say \"hi\"", p.chosen());
      assertEquals("two\nlines", p.rejected());
      assertStrictError(r, f, 5, "bad");
    }
    try (RowReader<PreferencePair> r = Loaders.csv(f, m, Strictness.LENIENT)) {
      List<PreferencePair> rows = r.toList();
      assertEquals(List.of("1", "2", "5"), rows.stream().map(PreferencePair::id).toList());
      assertEquals(2, r.skipped());
      assertTrue(r.problems().get(1).contains(":6: field '(csv)'"), r.problems().get(1));
    }
    DataFormatException e =
        assertThrows(
            DataFormatException.class,
            () -> Loaders.csv(f, FieldMapping.of("prompt", "good", "bad"), Strictness.LENIENT));
    assertEquals("prompt", e.field());
    assertEquals(1, e.lineNumber());
  }

  @Test
  void readerIsLazyAndClosesAtEnd() throws IOException {
    Path f = write("lazy.jsonl", "{\"q\":\"p\",\"good\":\"c\",\"bad\":\"r\"}", "{broken");
    RowReader<PreferencePair> r =
        Loaders.jsonl(f, FieldMapping.of("q", "good", "bad"), Strictness.STRICT);
    assertEquals("c", r.next().chosen()); // the bad line 2 has not been read yet
    assertThrows(DataFormatException.class, r::hasNext);
    assertFalse(r.hasNext());
    r.close();
  }
}
