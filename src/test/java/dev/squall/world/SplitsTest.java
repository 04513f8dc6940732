package dev.squall.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.ConfigException;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SplitsTest {
  private static final Pattern INT = Pattern.compile("\\d+");

  @Test
  void heldOutPhrasingNeverAppearsOutsideOodPhrasing() {
    for (World w : Worlds.all()) {
      List<Template> heldOut = GeneratorDeterminismTest.heldOut(w);
      for (Split s : Split.values()) {
        if (s == Split.OOD_PHRASING) {
          continue;
        }
        int n = s == Split.TRAIN ? 5000 : 1000;
        w.generate(s, n, 13, FeatureStrength.DEFAULT)
            .forEach(
                p -> {
                  for (Template t : heldOut) {
                    for (String text : List.of(p.prompt(), p.chosen(), p.rejected())) {
                      assertFalse(t.occursIn(text), t.id() + " found in " + s + ": " + text);
                    }
                  }
                });
      }
    }
  }

  @Test
  void oodPhrasingUsesOnlyHeldOutTemplatesAndTrainOnlyTrainingOnes() {
    for (World w : Worlds.all()) {
      List<Template> heldOut = GeneratorDeterminismTest.heldOut(w);
      List<Template> training = GeneratorDeterminismTest.training(w);
      w.generate(Split.OOD_PHRASING, 500, 13, FeatureStrength.DEFAULT)
          .forEach(
              p -> {
                assertTrue(heldOut.stream().anyMatch(t -> t.occursIn(p.prompt())), p.prompt());
                assertTrue(heldOut.stream().anyMatch(t -> t.occursIn(p.chosen())), p.chosen());
              });
      w.generate(Split.TRAIN, 500, 13, FeatureStrength.DEFAULT)
          .forEach(p -> assertTrue(training.stream().anyMatch(t -> t.occursIn(p.prompt()))));
    }
  }

  @Test
  void oodHarderReallyHasMoreDigits() {
    World w = new ArithmeticWorld();
    IntSummaryStatistics train = operandDigits(w, Split.TRAIN);
    IntSummaryStatistics harder = operandDigits(w, Split.OOD_HARDER);
    assertEquals(3, train.getMin());
    assertEquals(4, train.getMax());
    assertEquals(5, harder.getMin());
    assertEquals(6, harder.getMax());
  }

  @Test
  void oodHarderReallyHasLongerLists() {
    World w = new ListWorld();
    IntSummaryStatistics train = asked(w, Split.TEST);
    IntSummaryStatistics harder = asked(w, Split.OOD_HARDER);
    assertTrue(harder.getMin() > train.getMax(), train + " vs " + harder);
    assertEquals(3, train.getMin());
    assertEquals(6, harder.getMin());
  }

  @Test
  void splitIdsRoundTripAndUnknownIdsNameTheAllowedOnes() {
    for (Split s : Split.values()) {
      assertEquals(s, Split.fromId(s.id()));
    }
    ConfigException e = assertThrows(ConfigException.class, () -> Split.fromId("dev"));
    assertTrue(e.getMessage().contains("ood_reversed"));
    assertEquals(20_000, Split.TRAIN.defaultCount());
    assertEquals(1_000, Split.OOD_PHRASING.defaultCount());
  }

  private static IntSummaryStatistics operandDigits(World w, Split s) {
    return w.generate(s, 1000, 5, FeatureStrength.DEFAULT)
        .flatMap(p -> INT.matcher(p.prompt()).results().map(m -> m.group().length()))
        .mapToInt(Integer::intValue)
        .summaryStatistics();
  }

  private static IntSummaryStatistics asked(World w, Split s) {
    return w.generate(s, 1000, 5, FeatureStrength.DEFAULT)
        .mapToInt(p -> ListTask.parsePrompt(p.prompt()).n())
        .summaryStatistics();
  }
}
