package dev.squall.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GeneratorDeterminismTest {
  private static String bytes(World w, Split s, int n, long seed) {
    return w.generate(s, n, seed, FeatureStrength.DEFAULT)
        .map(PairJsonl::toJson)
        .collect(Collectors.joining("\n"));
  }

  @Test
  void sameSeedGivesSameBytesDifferentSeedDifferentBytes() {
    for (World w : Worlds.all()) {
      for (Split s : Split.values()) {
        String a = bytes(w, s, 300, 7);
        assertEquals(a, bytes(w, s, 300, 7), w.name() + "/" + s);
        String b = bytes(w, s, 300, 8);
        assertNotEquals(a, b, w.name() + "/" + s);
      }
    }
  }

  @Test
  void examplesAreIndependentOfCount() {
    for (World w : Worlds.all()) {
      List<String> big =
          w.generate(Split.TEST, 50, 3, FeatureStrength.DEFAULT).map(PairJsonl::toJson).toList();
      List<String> small =
          w.generate(Split.TEST, 20, 3, FeatureStrength.DEFAULT).map(PairJsonl::toJson).toList();
      assertEquals(small, big.subList(0, 20));
    }
  }

  @Test
  void splitsDifferFromEachOtherAndIdsAreUnique() {
    for (World w : Worlds.all()) {
      List<String> prompts =
          w.generate(Split.TRAIN, 200, 1, FeatureStrength.DEFAULT)
              .map(PreferencePair::prompt)
              .toList();
      List<String> test =
          w.generate(Split.TEST, 200, 1, FeatureStrength.DEFAULT)
              .map(PreferencePair::prompt)
              .toList();
      assertNotEquals(prompts, test);
      long ids =
          w.generate(Split.TRAIN, 500, 1, FeatureStrength.DEFAULT)
              .map(PreferencePair::id)
              .distinct()
              .count();
      assertEquals(500, ids);
    }
  }

  @Test
  void corpusIsDeterministicAndMixesCorrectAndIncorrect() {
    for (World w : Worlds.all()) {
      List<String> a = w.corpus(5, 400).toList();
      assertEquals(a, w.corpus(5, 400).toList());
      assertNotEquals(a, w.corpus(6, 400).toList());
      long withCritique = a.stream().filter(d -> d.contains("Verdict:")).count();
      long incorrect = a.stream().filter(d -> d.contains("Verdict: incorrect.")).count();
      assertTrue(withCritique > 100 && withCritique < 300, "critiques: " + withCritique);
      assertTrue(incorrect > 40 && incorrect < withCritique - 40, "incorrect: " + incorrect);
      for (String doc : a) {
        for (Template t : heldOut(w)) {
          assertTrue(!t.occursIn(doc), "held-out template " + t.id() + " in corpus: " + doc);
        }
      }
    }
  }

  static List<Template> heldOut(World w) {
    return concat(w.promptTemplates(Split.OOD_PHRASING), w.responseTemplates(Split.OOD_PHRASING));
  }

  static List<Template> training(World w) {
    return concat(w.promptTemplates(Split.TRAIN), w.responseTemplates(Split.TRAIN));
  }

  private static List<Template> concat(List<Template> a, List<Template> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
