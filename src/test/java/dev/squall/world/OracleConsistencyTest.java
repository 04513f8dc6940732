package dev.squall.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OracleConsistencyTest {
  @Test
  void chosenAlwaysCorrectRejectedAlwaysIncorrectInEverySplit() {
    for (World w : Worlds.all()) {
      for (Split s : Split.values()) {
        w.generate(s, 1500, 11, FeatureStrength.DEFAULT)
            .forEach(
                p -> {
                  WorldMetadata m = p.metadata();
                  Verdict c = w.judge(p.prompt(), p.chosen());
                  Verdict r = w.judge(p.prompt(), p.rejected());
                  String where = p.id() + " " + PairJsonl.toJson(p);
                  assertTrue(c.parsed() && c.correct(), where);
                  assertTrue(r.parsed(), where);
                  assertFalse(r.correct(), where);
                  assertNotEquals(p.chosen(), p.rejected(), where);
                  assertEquals(1.0, w.goldReward(p.prompt(), p.chosen()), where);
                  assertEquals(0.0, w.goldReward(p.prompt(), p.rejected()), where);
                  assertEquals(m.answer(), c.expected(), where);
                  assertEquals("chosen", m.label());
                  assertEquals(w.name(), m.world());
                  assertEquals(s, m.split());
                  assertEquals(w.name() + "/" + s.id(), p.subset());
                  assertTrue(m.chosenCritique().endsWith("Verdict: correct."), where);
                  assertTrue(m.rejectedCritique().endsWith("Verdict: incorrect."), where);
                  assertEquals(w.oracleCritique(p.prompt(), p.chosen()), m.chosenCritique());
                  assertEquals(w.oracleCritique(p.prompt(), p.rejected()), m.rejectedCritique());
                  assertEquals(
                      List.copyOf(SpuriousFeature.detect(p.chosen())), m.chosenFeatures(), where);
                  assertEquals(
                      List.copyOf(SpuriousFeature.detect(p.rejected())),
                      m.rejectedFeatures(),
                      where);
                });
      }
    }
  }

  @Test
  void featuresNeverChangeTheVerdict() {
    for (World w : Worlds.all()) {
      List<PreferencePair> bare = w.generate(Split.TEST, 300, 4, FeatureStrength.NONE).toList();
      List<PreferencePair> all = w.generate(Split.TEST, 300, 4, FeatureStrength.of(1, 1)).toList();
      for (int i = 0; i < bare.size(); i++) {
        PreferencePair b = bare.get(i);
        PreferencePair a = all.get(i);
        assertEquals(b.prompt(), a.prompt());
        assertTrue(a.chosen().length() > b.chosen().length());
        assertEquals(w.judge(b.prompt(), b.chosen()), w.judge(a.prompt(), a.chosen()));
        assertEquals(w.judge(b.prompt(), b.rejected()), w.judge(a.prompt(), a.rejected()));
        assertEquals(b.metadata().chosenCritique(), a.metadata().chosenCritique());
      }
    }
  }

  @Test
  void everyErrorKindOccursInDistribution() {
    for (World w : Worlds.all()) {
      Map<String, Long> kinds = new java.util.TreeMap<>();
      w.generate(Split.TRAIN, 2000, 2, FeatureStrength.DEFAULT)
          .forEach(p -> kinds.merge(p.metadata().errorKind(), 1L, Long::sum));
      List<? extends ErrorKind> expected =
          w instanceof ArithmeticWorld
              ? List.of(ArithmeticError.values())
              : List.of(ListError.values());
      for (ErrorKind k : expected) {
        assertTrue(kinds.getOrDefault(k.id(), 0L) > 2000 / expected.size() / 3, w.name() + kinds);
      }
    }
  }

  @Test
  void ratesOfFeaturesMatchTheStatedStrengthWithinFourSigma() {
    FeatureStrength training = FeatureStrength.of(0.8, 0.2);
    int n = 3000;
    for (World w : Worlds.all()) {
      for (Split s : Split.values()) {
        FeatureStrength st = training.forSplit(s);
        Map<SpuriousFeature, Integer> onC = new EnumMap<>(SpuriousFeature.class);
        Map<SpuriousFeature, Integer> onR = new EnumMap<>(SpuriousFeature.class);
        w.generate(s, n, 21, training)
            .forEach(
                p -> {
                  SpuriousFeature.detect(p.chosen()).forEach(f -> onC.merge(f, 1, Integer::sum));
                  SpuriousFeature.detect(p.rejected()).forEach(f -> onR.merge(f, 1, Integer::sum));
                });
        for (SpuriousFeature f : SpuriousFeature.values()) {
          assertWithin(
              st.pChosen(), onC.getOrDefault(f, 0), n, w.name() + "/" + s + " chosen " + f);
          assertWithin(
              st.pRejected(), onR.getOrDefault(f, 0), n, w.name() + "/" + s + " rejected " + f);
        }
      }
    }
  }

  @Test
  void reversedSplitReallyPutsFeaturesOnTheRejectedSide() {
    FeatureStrength st = FeatureStrength.DEFAULT.forSplit(Split.OOD_REVERSED);
    assertEquals(0.35, st.pChosen());
    assertEquals(0.65, st.pRejected());
    assertEquals(FeatureStrength.DEFAULT, FeatureStrength.DEFAULT.forSplit(Split.OOD_HARDER));
  }

  private static void assertWithin(double p, int k, int n, String what) {
    double sigma = Math.sqrt(p * (1 - p) / n);
    double tol = 4 * sigma + 1e-9;
    double rate = (double) k / n;
    assertTrue(Math.abs(rate - p) <= tol, what + ": rate " + rate + " expected " + p + " ± " + tol);
  }

  private static final Pattern LIST_SEGMENT = Pattern.compile(
      "(\\d+)\\. (\\w+): (\\w+) \\(asked (\\w+)\\), starts with (\\w) \\(asked (\\w)\\),"
          + " (ok|wrong|repeat)\\. ");

  /**
   * Every list segment names the item at its position and sets the item's kind and first letter
   * beside the asked ones, and its mark follows from the segment: repeat for an item listed more
   * than once, ok when both pairs agree, else wrong. The critic is trained to compute the mark from
   * what it has just written, so the oracle must never break this.
   */
  @Test
  void listSegmentMarksFollowFromTheSegmentsOwnFields() {
    checkSegments(new ListWorld(ListWorld.CritiqueFormat.MARKS), LIST_SEGMENT, (m, items) -> {
      String item = m.group(2);
      assertEquals(item.charAt(0), m.group(5).charAt(0), m.group());
      boolean twice = items.indexOf(item) != items.lastIndexOf(item);
      boolean fieldsAgree = m.group(3).equals(m.group(4)) && m.group(5).equals(m.group(6));
      assertEquals(twice ? "repeat" : fieldsAgree ? "ok" : "wrong", m.group(7), m.group());
      return twice;
    });
  }

  private static final Pattern SEEN_SEGMENT = Pattern.compile(
      "(\\d+)\\. (\\w+) (new|seen): (\\w+) \\(asked (\\w+)\\) (yes|no), letter (\\w)"
          + " \\(asked (\\w)\\) (yes|no), (ok|wrong|repeat)\\. ");

  /**
   * In the seen format, every list segment also says whether an earlier segment named the item and
   * writes each comparison's result, and its mark follows from the segment: repeat when an earlier
   * segment named the item, else ok when both comparisons say yes, else wrong.
   */
  @Test
  void seenFormatSegmentMarksFollowFromTheSegmentsOwnFields() {
    checkSegments(new ListWorld(ListWorld.CritiqueFormat.SEEN), SEEN_SEGMENT, (m, items) -> {
      String item = m.group(2);
      boolean seen = items.subList(0, Integer.parseInt(m.group(1)) - 1).contains(item);
      assertEquals(seen ? "seen" : "new", m.group(3), m.group());
      assertEquals(item.charAt(0), m.group(7).charAt(0), m.group());
      boolean kindOk = m.group(4).equals(m.group(5));
      boolean letterOk = m.group(7).equals(m.group(8));
      assertEquals(kindOk ? "yes" : "no", m.group(6), m.group());
      assertEquals(letterOk ? "yes" : "no", m.group(9), m.group());
      assertEquals(seen ? "repeat" : kindOk && letterOk ? "ok" : "wrong", m.group(10), m.group());
      return seen;
    });
  }

  /** Checks one matched segment against the response's items; returns whether it is a repeat. */
  private interface SegmentCheck {
    boolean check(Matcher segment, List<String> items);
  }

  /**
   * Runs {@code check} on every segment {@code pattern} finds in the oracle critiques of both
   * responses of 300 pairs per split, after checking that the segment's number names its item.
   */
  private static void checkSegments(ListWorld lists, Pattern pattern, SegmentCheck check) {
    int segments = 0;
    int repeats = 0;
    for (Split s : Split.values()) {
      for (PreferencePair p : lists.generate(s, 300, 12, FeatureStrength.DEFAULT).toList()) {
        for (String response : List.of(p.chosen(), p.rejected())) {
          List<String> items = ListAnswers.parse(response).orElseThrow();
          Matcher m = pattern.matcher(lists.oracleCritique(p.prompt(), response));
          while (m.find()) {
            segments++;
            assertEquals(m.group(2), items.get(Integer.parseInt(m.group(1)) - 1), m.group());
            repeats += check.check(m, items) ? 1 : 0;
          }
        }
      }
    }
    assertTrue(segments > 5000 && repeats > 20, segments + " segments, " + repeats + " repeats");
  }
}
