package dev.squall.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.ConfigException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorldsTest {
  @Test
  void registryFindsWorldsByNameAndNamesTheAllowedOnes() {
    assertEquals(List.of("arithmetic", "lists"), Worlds.all().stream().map(World::name).toList());
    assertTrue(Worlds.byName("lists") instanceof ListWorld);
    ConfigException e = assertThrows(ConfigException.class, () -> Worlds.byName("chess"));
    assertTrue(e.getMessage().contains("chess") && e.getMessage().contains("arithmetic, lists"));
  }

  @Test
  void lexiconIsUnambiguousAndLargeEnoughForOodHarder() {
    Set<String> seen = new HashSet<>();
    for (Lexicon.Kind k : Lexicon.Kind.values()) {
      for (char l : Lexicon.LETTERS) {
        assertTrue(k.words(l).size() >= 8, k + " " + l);
        for (String w : k.words(l)) {
          assertTrue(seen.add(w), "duplicate " + w);
          assertEquals(l, w.charAt(0));
          assertEquals(k, Lexicon.kindOf(w).orElseThrow());
        }
      }
    }
  }

  @Test
  void featurePhrasesCannotChangeAParse() {
    for (SpuriousFeature f : SpuriousFeature.values()) {
      for (String p : f.phrases()) {
        assertFalse(p.matches(".*[\\d=].*"), p);
        for (String word : p.toLowerCase().split("[^a-z]+")) {
          assertTrue(Lexicon.kindOf(word).isEmpty(), p);
        }
        for (SpuriousFeature g : SpuriousFeature.values()) {
          assertEquals(f == g, g.presentIn(p), p + " vs " + g);
        }
      }
    }
  }

  @Test
  void valuesAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> FeatureStrength.of(1.2, 0));
    assertThrows(IllegalArgumentException.class, () -> FeatureStrength.of(0.5, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new Verdict(false, true, "1", ""));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ArithmeticProblem(5, 9, ArithmeticProblem.Op.SUB));
    assertThrows(IllegalArgumentException.class, () -> new ListTask(0, Lexicon.Kind.FOOD, 'b'));
  }
}
