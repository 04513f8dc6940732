package dev.squall.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.squall.text.TextTokenizer;
import dev.squall.text.TokenizerBuilder;
import dev.squall.world.ListWorld;
import dev.squall.world.SeenMark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lookup supervision finds each mark's tokens and its loss reads the right attention. */
class LookupSupervisionTest {
  private static final String PROMPT = "Name 4 animals whose names start with the letter b.";
  private static final String RESPONSE = "Sure: bear, bison, beetle, bear.";

  @Test
  void targetsPointAtTheItemBeforeEachMarkAndAtTheEarlierCopysMark(@TempDir Path dir) {
    ListWorld world = new ListWorld(ListWorld.CritiqueFormat.SEEN);
    String critique = world.oracleCritique(PROMPT, RESPONSE);
    assertTrue(critique.contains("4. bear seen:"), critique);
    List<SeenMark> marks = world.seenMarks(critique);
    assertEquals(4, marks.size());
    assertEquals(List.of(0), marks.get(3).earlier());
    assertFalse(marks.get(1).seen());

    Path tj = dir.resolve("tokenizer.json");
    List<String> corpus = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      corpus.add(PROMPT + " " + RESPONSE + " " + critique);
    }
    new TokenizerBuilder().vocabularySize(400).addCorpus(corpus).write(tj);
    try (TextTokenizer tok = TextTokenizer.load(tj)) {
      String prefix = PROMPT + "\n" + RESPONSE + "\nCritique:";
      long[] seq = tok.encode(prefix + " " + critique);
      int from = tok.encode(prefix).length;
      LookupSupervision.Targets g = new LookupSupervision(tok).locate(seq, from, critique, marks);
      assertEquals(4, g.marks().length);
      for (int i = 0; i < 4; i++) {
        assertEquals(g.marks()[i] - 1, g.items()[i], "the item is the mark's previous token");
        assertEquals(i < 3 ? "new" : "seen", tok.decode(new long[] {seq[g.marks()[i]]}).strip());
        assertTrue(tok.decode(new long[] {seq[g.items()[i]]}).strip().endsWith(
            i == 1 ? "on" : i == 2 ? "le" : "ar"), "item token " + i);
      }
      assertArrayEquals(new boolean[] {false, false, false, true}, g.repeat());
      assertArrayEquals(new int[] {g.marks()[0]}, g.lookupKeys()[3], "a repeat looks at the first copy's mark");
      assertArrayEquals(new int[] {0}, g.lookupKeys()[1], "a new item looks at the first token");
    }
  }

  @Test
  void critiquesWithoutMarksOrNotInTheTokensHaveNoTargets(@TempDir Path dir) {
    Path tj = dir.resolve("tokenizer.json");
    new TokenizerBuilder().vocabularySize(300).addCorpus(List.of("1. bear new: ok.")).write(tj);
    try (TextTokenizer tok = TextTokenizer.load(tj)) {
      LookupSupervision ls = new LookupSupervision(tok);
      long[] seq = tok.encode("x 1. bear new: ok.");
      assertEquals(0, ls.locate(seq, 0, "1. bear new: ok.", List.of()).marks().length);
      List<SeenMark> marks = new ListWorld(ListWorld.CritiqueFormat.SEEN).seenMarks("1. bear new: ok.");
      assertEquals(1, marks.size());
      assertEquals(1, ls.locate(seq, 0, "1. bear new: ok.", marks).marks().length);
      assertEquals(0, ls.locate(seq, 0, "1. bison new: ok.", marks).marks().length);
    }
  }

  @Test
  void theLossNeedsTheSeenFormat() {
    RecipeConfig d = RecipeConfig.defaults().withLookup(0, 0, 0).withListCritique(ListWorld.CritiqueFormat.MARKS);
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> d.withLookup(0.2, 0));
    assertTrue(e.getMessage().contains("listCritique SEEN"), e.getMessage());
    assertEquals(0.2, d.withListCritique(ListWorld.CritiqueFormat.SEEN).withLookup(0.2, 0).lookupWeight());
  }

  @Test
  void theLossIsOnInItsStepWindowOnly() {
    RecipeConfig seen = RecipeConfig.defaults().withLookup(0, 0, 0);
    assertFalse(seen.lookupOn(2000), "weight 0 is off");
    RecipeConfig toEnd = seen.withLookup(0.5, 1500);
    assertFalse(toEnd.lookupOn(1499));
    assertTrue(toEnd.lookupOn(1500));
    assertTrue(toEnd.lookupOn(4499));
    RecipeConfig window = seen.withLookup(0.5, 1500, 2500);
    assertTrue(window.lookupOn(2499));
    assertFalse(window.lookupOn(2500));
    assertEquals(2500, window.withSeed(3).lookupUntil(), "the window survives the other with-methods");
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> seen.withLookup(0.5, 1500, 1500));
  }

  @Test
  void lossIsMinusLogOfTheMassOnTheTargetsWithRepeatsAndNewItemsHalfEach() {
    try (NDManager nd = NDManager.newBaseManager()) {
      // one row of 4 tokens left-padded to 5 columns: marks at tokens 1 and 3, items at 0 and 2;
      // item 2 repeats item 0, so it looks at mark 1.
      int t = 5;
      LookupSupervision.Targets g = new LookupSupervision.Targets(
          new int[] {1, 3}, new int[] {0, 2}, new int[][] {{0}, {1}}, new boolean[] {false, true});
      // (the new item at token 0 is also the first token, where new items look)
      float[] prev = new float[t * t];
      float[] look = new float[t * t];
      prev[(1 + 1) * t + 1] = 0.5f; // mark at column 2 puts 0.5 on its item (column 1)
      prev[(1 + 3) * t + 1 + 2] = 0.25f; // mark at column 4 puts 0.25 on its item (column 3)
      look[(1 + 0) * t + 1] = 0.8f; // new item at column 1 puts 0.8 on the first token (itself)
      look[(1 + 2) * t + 1 + 1] = 0.1f; // repeat at column 3 puts 0.1 on the earlier mark
      NDArray p = nd.create(prev, new Shape(1, t, t));
      NDArray l = nd.create(look, new Shape(1, t, t));
      NDArray loss = LookupSupervision.loss(nd, p, l, t, List.of(new long[4]), List.of(g));
      double expected = -(Math.log(0.5) + Math.log(0.25)) / 2 - 0.5 * Math.log(0.8) - 0.5 * Math.log(0.1);
      assertEquals(expected, loss.getFloat(), 1e-4);
      NDArray none = LookupSupervision.loss(nd, p, l, t, List.of(new long[4]),
          List.of(LookupSupervision.Targets.NONE));
      assertEquals(0f, none.getFloat());
    }
  }
}
