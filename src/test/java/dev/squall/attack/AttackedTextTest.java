package dev.squall.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AttackedTextTest {
  /** Replays the edits on the original: must give the current text. */
  static String replay(AttackedText t) {
    String s = t.original();
    for (Edit e : t.edits()) {
      assertEquals(e.before(), s.substring(e.start(), e.end()), "edit before-text must match: " + e);
      s = s.substring(0, e.start()) + e.after() + s.substring(e.end());
    }
    return s;
  }

  @Test
  void editsReplayToTheTextAndOriginalIsKept() {
    AttackedText t =
        AttackedText.of("The answer is 42.").replace("a", 4, 10, "result").append("b", " Sure!").prepend("c", ">> ");
    assertEquals(">> The result is 42. Sure!", t.text());
    assertEquals("The answer is 42.", t.original());
    assertEquals(3, t.edits().size());
    assertEquals(t.text(), replay(t));
  }

  @Test
  void immutable() {
    AttackedText a = AttackedText.of("hello world");
    AttackedText b = a.append("x", "!");
    assertEquals("hello world", a.text());
    assertTrue(a.unchanged());
    assertEquals("hello world!", b.text());
    assertThrows(UnsupportedOperationException.class, () -> b.edits().add(new Edit("k", 0, 0, "", "")));
  }

  @Test
  void rewriteRecordsTheMinimalDifferingSpan() {
    AttackedText t = AttackedText.of("one two three").rewrite("r", "one 2 three");
    assertEquals(List.of(new Edit("r", 4, 7, "two", "2")), t.edits());
    assertEquals(t, t.rewrite("r", "one 2 three"), "no edit when equal");
  }

  @Test
  void changedSpansPointIntoTheFinalText() {
    AttackedText t = AttackedText.of("aaa bbb ccc").replace("x", 4, 7, "BBBB").prepend("y", "__");
    List<AttackedText.Span> spans = t.changedSpans();
    assertEquals(2, spans.size());
    assertEquals("__", t.text().substring(spans.get(0).start(), spans.get(0).end()));
    assertEquals("BBBB", t.text().substring(spans.get(1).start(), spans.get(1).end()));
  }

  @Test
  void wordsAndLevenshtein() {
    AttackedText t = AttackedText.of("  alpha beta\tgamma ");
    assertEquals(3, t.words().size());
    assertEquals("gamma", t.word(2));
    assertEquals(3, AttackedText.levenshtein("kitten", "sitting", Integer.MAX_VALUE));
    assertEquals(2, AttackedText.levenshtein("kitten", "sitting", 1), "capped distance reports cap + 1");
  }
}
