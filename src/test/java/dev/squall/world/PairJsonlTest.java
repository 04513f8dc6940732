package dev.squall.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairJsonlTest {
  @TempDir Path dir;

  @Test
  void roundTripPreservesEveryFieldAndBytes() throws IOException {
    for (World w : Worlds.all()) {
      List<PreferencePair> rows =
          w.generate(Split.OOD_REVERSED, 200, 9, FeatureStrength.DEFAULT).toList();
      Path f = dir.resolve(w.name() + ".jsonl");
      assertEquals(200, PairJsonl.write(f, rows));
      List<PreferencePair> back = PairJsonl.read(f);
      assertEquals(rows, back);
      Path g = dir.resolve(w.name() + "-again.jsonl");
      PairJsonl.write(g, back);
      assertEquals(Files.readString(f), Files.readString(g));
    }
  }

  @Test
  void unicodeAndQuotesSurvive() {
    PreferencePair p =
        PreferencePair.plain("x\"1", "s", "Qu'est-ce que \"c'est\"?\n解", "a\tb\\c", "😀");
    assertEquals(p, PairJsonl.fromJson(PairJsonl.toJson(p)));
  }

  @Test
  void malformedLineNamesFileAndLineAndKeepsEarlierRows() throws IOException {
    List<String> lines = new ArrayList<>();
    new ArithmeticWorld()
        .generate(Split.TEST, 3, 1, FeatureStrength.DEFAULT)
        .forEach(p -> lines.add(PairJsonl.toJson(p)));
    lines.add("");
    lines.add("{\"prompt\": \"p\", \"chosen\": \"c\", \"rejected\": ");
    lines.add(PairJsonl.toJson(PreferencePair.plain("9", "s", "p", "c", "r")));
    Path f = dir.resolve("bad.jsonl");
    Files.write(f, lines, StandardCharsets.UTF_8);

    PairJsonlException e = assertThrows(PairJsonlException.class, () -> PairJsonl.read(f));
    assertEquals(5, e.lineNumber());
    assertTrue(e.getMessage().contains(f.toString() + ":5"), e.getMessage());
    assertEquals(3, e.rowsBefore().size());

    List<PreferencePair> streamed = new ArrayList<>();
    assertThrows(PairJsonlException.class, () -> PairJsonl.forEach(f, streamed::add));
    assertEquals(3, streamed.size());

    PairJsonl.ReadResult lenient = PairJsonl.readLenient(f);
    assertEquals(4, lenient.pairs().size());
    assertEquals(1, lenient.badLines().size());
    assertEquals(5, lenient.badLines().get(0).lineNumber());
  }

  @Test
  void badFieldsAreNamed() {
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                PairJsonl.fromJson(
                    "{\"id\":\"1\",\"subset\":\"s\",\"prompt\":\"p\",\"chosen\":\"c\"}"));
    assertTrue(missing.getMessage().contains("'rejected'"), missing.getMessage());
    IllegalArgumentException list =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                PairJsonl.fromJson(
                    "{\"id\":\"1\",\"subset\":\"s\",\"prompt\":\"p\",\"chosen\":[\"a\"],\"rejected\":[\"b\"]}"));
    assertTrue(list.getMessage().contains("RewardBench 2"), list.getMessage());
    String row =
        PairJsonl.toJson(
            new ListWorld()
                .generate(Split.TEST, 1, 1, FeatureStrength.DEFAULT)
                .findFirst()
                .orElseThrow());
    IllegalArgumentException feature =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                PairJsonl.fromJson(
                    row.replace("\"chosen_features\":[", "\"chosen_features\":[\"SHOUTING\",")));
    assertTrue(feature.getMessage().contains("SHOUTING"), feature.getMessage());
    IllegalArgumentException noSeed =
        assertThrows(
            IllegalArgumentException.class,
            () -> PairJsonl.fromJson(row.replaceAll("\"seed\":\\d+,", "")));
    assertTrue(noSeed.getMessage().contains("seed"), noSeed.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PairJsonl.fromJson("[1,2]"));
    assertThrows(IllegalArgumentException.class, () -> PairJsonl.fromJson("{} {}"));
  }

  @Test
  void plainRewardBenchRowsLoad() throws IOException {
    Path f = dir.resolve("rb.jsonl");
    Files.writeString(
        f,
        "{\"prompt\":\"How are"
            + " you?\",\"chosen\":\"Fine.\",\"rejected\":\"No.\",\"chosen_model\":\"gpt\",\"rejected_model\":\"x\",\"subset\":\"alpacaeval-easy\",\"id\":30}\n"
            + "{\"id\":\"31\",\"subset\":\"hep-cpp\",\"prompt\":\"p\",\"chosen\":\"c\",\"rejected\":\"r\",\"extra\":{\"a\":[1,{}]}}\n");
    List<PreferencePair> rows = PairJsonl.read(f);
    assertEquals(2, rows.size());
    assertEquals("30", rows.get(0).id());
    assertEquals("alpacaeval-easy", rows.get(0).subset());
    assertEquals("Fine.", rows.get(0).chosen());
    assertNull(rows.get(0).metadata());
    assertTrue(rows.get(1).worldMetadata().isEmpty());
  }
}
