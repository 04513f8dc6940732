package dev.squall.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetGeneratorTest {
  @TempDir Path dir;

  @Test
  void writesSplitsAndATruthfulCardDeterministically() throws IOException {
    Map<Split, Integer> counts = new EnumMap<>(Split.class);
    for (Split s : Split.values()) {
      counts.put(s, 40 + s.ordinal());
    }
    DatasetGenerator.Plan plan = new DatasetGenerator.Plan(counts, FeatureStrength.DEFAULT);
    World w = new ArithmeticWorld();
    DatasetGenerator.generate(w, dir.resolve("a"), 99, plan);
    DatasetGenerator.generate(w, dir.resolve("b"), 99, plan);
    for (Split s : Split.values()) {
      Path f = dir.resolve("a/arithmetic/" + s.id() + ".jsonl");
      assertEquals(40 + s.ordinal(), PairJsonl.read(f).size());
      assertEquals(
          Files.readString(f), Files.readString(dir.resolve("b/arithmetic/" + s.id() + ".jsonl")));
    }
    String card = Files.readString(dir.resolve("a/arithmetic/README.md"));
    assertEquals(card, Files.readString(dir.resolve("b/arithmetic/README.md")));
    assertTrue(card.contains("seed `99`"));
    assertTrue(card.contains("| ood_reversed | ood_reversed.jsonl | 44 |"), card);
    assertTrue(card.contains("| 0.35 | 0.65 | 0 |"), card);
    assertTrue(card.contains("| 0.35 | 0.65 |"), card);
    assertTrue(card.contains(w.parsingRule()));
    assertTrue(card.contains("dropped_carry"));
    assertTrue(card.contains("Verdict: correct."));
  }
}
