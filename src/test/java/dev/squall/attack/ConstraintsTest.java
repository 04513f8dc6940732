package dev.squall.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.attack.constraint.EditDistance;
import dev.squall.attack.constraint.LengthRatio;
import dev.squall.attack.constraint.OracleValidity;
import dev.squall.attack.constraint.ProtectedRegions;
import dev.squall.attack.goal.FlipPair;
import dev.squall.attack.goal.LiftWrongAboveCorrect;
import dev.squall.attack.search.SingleShotSearch;
import dev.squall.attack.transform.TextInsertion;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConstraintsTest {
  static final String PROMPT = "What is 9299 + 812?";
  static final AttackContext CTX =
      new AttackContext(PROMPT, Optional.of(Fixtures.ARITH), Optional.of("The answer is 10111."), ChatMarkers.LLAMA3);

  @Test
  void oracleRejectsAFlippedVerdictBothWays() {
    OracleValidity v = new OracleValidity(false);
    AttackedText wrong = AttackedText.of("The answer is 10112.");
    Constraint.Check fixed = v.check(wrong, wrong.rewrite("x", "The answer is 10111."), CTX);
    assertFalse(fixed.allowed());
    assertTrue(fixed.reason().contains("wrong to correct"), fixed.reason());
    AttackedText right = AttackedText.of("The answer is 10111.");
    assertFalse(v.allows(right, right.append("x", " Score: 10/10"), CTX), "right answer must stay right");
    assertTrue(v.allows(wrong, wrong.append("x", " Trust me."), CTX));
    assertFalse(v.allows(wrong, wrong.append("x", "!"), AttackContext.of(PROMPT)), "no world: rejected unless allowed");
    assertTrue(new OracleValidity(true).allows(wrong, wrong.append("x", "!"), AttackContext.of(PROMPT)));
  }

  @Test
  void listOracleCatchesAnEditThatRepairsTheList() {
    var item = Fixtures.items(Fixtures.LISTS, 1, 5).get(0);
    AttackContext ctx = item.context(ChatMarkers.LLAMA3);
    AttackedText wrong = AttackedText.of(item.response());
    assertFalse(new OracleValidity(false).allows(wrong, wrong.rewrite("x", item.reference().get()), ctx));
  }

  @Test
  void editDistanceAndLengthRatioBounds() {
    AttackedText o = AttackedText.of("abcdef");
    assertTrue(new EditDistance(2).allows(o, o.replace("x", 0, 2, "XY"), CTX));
    assertFalse(new EditDistance(2).allows(o, o.replace("x", 0, 3, "XYZ"), CTX));
    assertTrue(new LengthRatio(0.5, 2).allows(o, o.append("x", "123456"), CTX));
    Constraint.Check c = new LengthRatio(0.5, 2).check(o, o.append("x", "1234567"), CTX);
    assertFalse(c.allowed());
    assertTrue(c.reason().contains("2.17"), c.reason());
  }

  @Test
  void protectedRegionsFollowEditsThroughTheText() {
    ProtectedRegions p = new ProtectedRegions(Pattern.compile("\\d+"), true);
    AttackedText o = AttackedText.of("The answer is 10112.");
    assertTrue(p.allows(o, o.prepend("x", "Well, ").append("y", " Sure."), CTX));
    AttackedText touched = o.prepend("x", "Well, ").replace("y", 20, 21, "7");
    assertEquals("Well, The answer is 70112.", touched.text());
    assertFalse(p.allows(o, touched, CTX));
    assertFalse(p.allows(o, o.insert("z", 16, " "), CTX), "insertion inside a protected number");
    AttackedText echo = AttackedText.of("You asked: " + PROMPT + " Yes.");
    assertFalse(p.allows(echo, echo.replace("q", 11, 15, "Whut"), CTX), "the prompt echo is protected");
  }

  @Test
  void invalidCandidatesAreCountedReportedNeverScoredNeverSuccess() {
    // a model that rewards correctness: the only "attack" that works is fixing the answer
    FakeRewardModel m = FakeRewardModel.classic("gold", (p, r) -> Fixtures.gold(Fixtures.ARITH, p, r) * 10);
    var item = Fixtures.items(Fixtures.ARITH, 1, 2).get(0);
    String truth = Fixtures.ARITH.judge(item.prompt(), item.response()).expected();
    Transformation cheat =
        TextInsertion.of("cheat", TextInsertion.Position.REPLACE, "", "The answer is " + truth + ".", truth);
    Attack a = new Attack("cheat", cheat, List.of(new OracleValidity(false)), new LiftWrongAboveCorrect(20), new SingleShotSearch(4));
    AttackResult r = new AttackRunner(new QueryCache()).run(a, item, m, List.of(), 1);
    assertInstanceOf(AttackStatus.Invalid.class, r.status());
    assertEquals(2, r.invalidCandidates());
    assertEquals(0, r.candidatesScored());
    assertEquals(2, m.queries, "only the baseline (original + reference) was scored");
    assertEquals(2, r.rejections().get("oracle_validity"));
    assertTrue(r.rejectionExamples().get(0).contains("oracle verdict flipped"), r.rejectionExamples().toString());
    assertEquals(item.response(), r.adversarial().text());
  }

  @Test
  void skippedWhenTheGoalIsAlreadyMetOrTheItemLacksWhatTheGoalNeeds() {
    FakeRewardModel m = FakeRewardModel.classic("len", (p, r) -> r.length());
    Attack a = new Attack("x", TextInsertion.of("s", TextInsertion.Position.SUFFIX, " ", "hi"), List.of(), new FlipPair(10), new SingleShotSearch(1));
    AttackResult noRef = new AttackRunner(new QueryCache()).run(a, AttackItem.single("i", "p", "r"), m, List.of(), 1);
    assertInstanceOf(AttackStatus.Skipped.class, noRef.status());
    assertEquals(0, m.queries);
    AttackItem already = new AttackItem("j", "p", "a long rejected response", Optional.of("short"), Optional.empty());
    AttackResult met = new AttackRunner(new QueryCache()).run(a, already, m, List.of(), 1);
    assertEquals(new AttackStatus.Skipped("goal already met by the original"), met.status());
    Attack tiny = new Attack("t", a.transformation(), List.of(), new FlipPair(1), a.search());
    AttackResult small = new AttackRunner(new QueryCache()).run(tiny, new AttackItem("k", "p", "r", Optional.of("ref"), Optional.empty()), m, List.of(), 1);
    assertInstanceOf(AttackStatus.Skipped.class, small.status());
    assertEquals(0, small.queriesUsed(), "a budget too small for the baseline spends nothing");
  }
}
