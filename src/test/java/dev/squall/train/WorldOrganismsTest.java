package dev.squall.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void corpusDocumentsBecomeChatFormattedText() {
    for (String doc : worlds.corpus(3, 10)) {
      int lines = doc.split("\n", -1).length;
      assertTrue(lines == 2 || lines == 3, doc);
    }
  }
}
