package dev.squall.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.world.ListWorld;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorldOrganismsTest {
  private final WorldOrganisms worlds = WorldOrganisms.all();

  @Test
  void pairsAreDeterministicInterleavedAndCarryConsistentOracleCritiques() {
    List<OrganismPair> a = worlds.pairs(false, 40, 5);
    assertEquals(a, worlds.pairs(false, 40, 5));
    assertEquals(40, a.size());
    assertTrue(a.get(0).id().startsWith("arithmetic") && a.get(1).id().startsWith("lists"),
        a.get(0).id() + " " + a.get(1).id());
    for (OrganismPair p : a) {
      assertTrue(worlds.isCorrect(p.prompt(), p.chosen()), p.toString());
      assertFalse(worlds.isCorrect(p.prompt(), p.rejected()), p.toString());
      assertEquals(Optional.of(true), worlds.critiqueVerdict(p.chosenCritique()));
      assertEquals(Optional.of(false), worlds.critiqueVerdict(p.rejectedCritique()));
      assertTrue(p.chosenCritique().startsWith(worlds.oracleComputation(p.prompt(), p.chosen())));
    }
    assertFalse(worlds.pairs(true, 10, 5).get(0).id().contains("train"));
  }

  @Test
  void drillsAreDeterministicListsOnlyAndFullOfMismatches() {
    List<OrganismPair> train = worlds.pairs(false, 400, 5);
    List<OrganismPair> drills = worlds.drills(train, 9);
    assertEquals(drills, worlds.drills(train, 9));
    assertEquals(200, drills.size(), "one drill per lists pair, none for arithmetic");
    int items = 0;
    int mismatches = 0;
    for (OrganismPair d : drills) {
      assertTrue(d.id().startsWith("lists") && d.id().endsWith("-drill"), d.id());
      assertTrue(worlds.isCorrect(d.prompt(), d.chosen()));
      assertFalse(d.rejected().equals(d.chosen()), d.rejected());
      assertEquals(d.rejectedCritique(), worlds.oracleCritique(d.prompt(), d.rejected()));
      for (String segment : d.rejectedCritique().split("\\. (?=\\d+\\. )|\\. Count")) {
        if (segment.contains("(asked")) {
          items++;
          mismatches += segment.endsWith("ok") ? 0 : 1;
        }
      }
    }
    // About a third of the items are swapped for a random word, and most random words are wrong;
    // a rejected list of the preference pairs has at most one bad item in 3-4.
    double rate = mismatches / (double) items;
    assertTrue(rate > 0.3 && rate < 0.7, "mismatch rate " + rate);
  }

  @Test
  void listItemsAreTheCopiedWordsAndEachAppearsInTheOracleCritique() {
    int lists = 0;
    for (OrganismPair p : worlds.pairs(false, 40, 8)) {
      List<String> copied = worlds.copiedWords(p.prompt(), p.rejected());
      if (p.id().startsWith("arithmetic")) {
        assertEquals(List.of(), copied);
        continue;
      }
      lists++;
      assertFalse(copied.isEmpty(), p.rejected());
      for (int i = 0; i < copied.size(); i++) {
        assertTrue(p.rejectedCritique().matches(".*\\b" + (i + 1) + "\\. " + copied.get(i) + " (new|seen):.*"),
            copied.get(i) + " in " + p.rejectedCritique());
      }
    }
    assertEquals(20, lists);
  }

  @Test
  void marksFormatSegmentsHaveOneShapeWhateverTheMark() {
    WorldOrganisms marks = WorldOrganisms.all(ListWorld.CritiqueFormat.MARKS);
    for (OrganismPair p : marks.drills(marks.pairs(false, 100, 6), 3)) {
      for (String c : List.of(p.chosenCritique(), p.rejectedCritique())) {
        String shape = c.replaceAll("Count \\d+, asked \\d+\\. Verdict: \\w+\\.$", "")
            .replaceAll("\\d+\\. \\w+: \\w+ \\(asked \\w+\\), starts with \\w \\(asked \\w\\),"
                + " (ok|wrong|repeat)\\. ", "");
        assertEquals("", shape, c);
      }
    }
  }

  @Test
  void seenFormatSegmentsHaveOneShapeAndMarkEachItemNewOrSeen() {
    WorldOrganisms seen = WorldOrganisms.all(ListWorld.CritiqueFormat.SEEN);
    int marks = 0;
    for (OrganismPair p : seen.drills(seen.pairs(false, 100, 6), 3)) {
      for (String c : List.of(p.chosenCritique(), p.rejectedCritique())) {
        String shape = c.replaceAll("Count \\d+, asked \\d+\\. Verdict: \\w+\\.$", "")
            .replaceAll("\\d+\\. \\w+ (new|seen): \\w+ \\(asked \\w+\\) (yes|no), letter \\w"
                + " \\(asked \\w\\) (yes|no), (ok|wrong|repeat)\\. ", "");
        assertEquals("", shape, c);
        marks += seen.seenMarks(p.prompt(), c).size();
      }
    }
    assertTrue(marks > 300, marks + " marks");
    String critique = "1. bear new: animal (asked animal) yes, letter b (asked b) yes, ok."
        + " 2. bread seen: food (asked animal) no, letter b (asked b) yes, wrong."
        + " 3. bear new: animal (asked animal) yes, letter b (asked b) yes, ok."
        + " 4. bear seen: animal (asked animal) yes, letter b (asked b) yes, repeat.";
    String prompt = seen.pairs(false, 40, 6).stream().map(OrganismPair::prompt)
        .filter(q -> !seen.seenMarks(q, critique).isEmpty()).findFirst().orElseThrow();
    assertEquals(new SeenCounts(1, 1, 1), SeenCounts.of(seen, List.of(prompt), List.of(critique)),
        "judged against the critique's own earlier items");
    assertEquals(List.of(), WorldOrganisms.all(ListWorld.CritiqueFormat.MARKS).seenMarks(prompt, critique),
        "the marks format reads no marks");
  }

  @Test
  void corpusDocumentsBecomeChatFormattedText() {
    for (String doc : worlds.corpus(3, 10)) {
      int lines = doc.split("\n", -1).length;
      assertTrue(lines == 2 || lines == 3, doc);
    }
  }

  @Test
  void critiquePairsExtendThePreferencePairsAndLeaveOutTestTexts() {
    RecipeConfig cfg = RecipeConfig.forTests();
    List<OrganismPair> train = worlds.pairs(false, cfg.trainPairs(), cfg.seed() + 2);
    List<OrganismPair> fresh = worlds.pairs(false, cfg.sftPairs(), cfg.seed() + 2)
        .stream().filter(p -> !train.contains(p)).toList();
    assertEquals(cfg.sftPairs() - cfg.trainPairs(), fresh.size(), "the first pairs are the train pairs");
    // A "test" set holding two of the fresh pairs' texts: those two must be left out.
    OrganismPair a = fresh.get(0);
    OrganismPair b = fresh.get(5);
    List<OrganismPair> test = List.of(
        new OrganismPair("t1", a.prompt(), a.chosen(), "other", "c", "r"),
        new OrganismPair("t2", b.prompt(), "other", b.rejected(), "c", "r"));
    List<OrganismPair> sft = OrganismRecipe.critiquePairs(worlds, cfg, train, test);
    assertEquals(train, sft.subList(0, train.size()));
    assertEquals(cfg.sftPairs() - 2, sft.size());
    assertFalse(sft.contains(a) || sft.contains(b));
    assertTrue(sft.contains(fresh.get(1)));
    assertEquals(train, OrganismRecipe.critiquePairs(worlds, cfg.withSftPairs(cfg.trainPairs()), train, test));
  }
}
