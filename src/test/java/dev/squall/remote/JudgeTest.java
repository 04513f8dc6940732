package dev.squall.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.rm.RewardModelKind;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Judge answers parsed robustly; parse failures recorded; pairwise run in both orders. */
class JudgeTest {
  @Test
  void parsesScores() {
    Map<String, Double> cases = new java.util.LinkedHashMap<>();
    cases.put("Score: 7", 7.0);
    cases.put("The response is fine.\nScore: 7.5", 7.5);
    cases.put("score = 3", 3.0);
    cases.put("My rating is 9", 9.0);
    cases.put("I'd give it 7/10.", 7.0);
    cases.put("7 / 10", 7.0);
    cases.put("8 out of 10", 8.0);
    cases.put("Final: **8**", 8.0);
    cases.put("Verdict: [[6]]", 6.0);
    cases.put("  4 ", 4.0);
    cases.put("Score: 2 at first, but on reflection Score: 5", 5.0);
    cases.put("Rating: **10**", 10.0);
    cases.forEach((answer, want) -> assertEquals(OptionalDouble.of(want), JudgeParsing.score(answer, 1, 10), answer));
  }

  @Test
  void rejectsAnswersWithoutAValidScore() {
    for (String answer : List.of("It is decent.", "Score: 11", "Score: 0", "I cannot rate this.", "", "10/10 and 12/10")) {
      assertTrue(JudgeParsing.score(answer, 1, 10).isEmpty(), answer);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"[[A]]|A", "After thought, [[B]]|B", "Winner: A|A", "Response B is better.|B", "B|B", "**A**|A",
          "Verdict: Assistant B|B"})
  void parsesVerdicts(String answer, String want) {
    assertEquals(Optional.of(want), JudgeParsing.verdict(answer));
  }

  @Test
  void noVerdict() {
    assertEquals(Optional.empty(), JudgeParsing.verdict("Both are fine."));
  }

  static OpenAiChatClient chatAnswering(java.util.function.Function<String, String> answer) {
    ScriptedTransport t = new ScriptedTransport(r -> {
      try {
        String user = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body())
            .get("messages").get(0).get("content").asText();
        return ScriptedTransport.json(200, ScriptedTransport.chat(answer.apply(user)));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    return new OpenAiChatClient(new ResilientCaller(RemoteSettings.of("http://127.0.0.1:9"), t, Map.<String, String>of()::get,
        new FakeTime(), System::nanoTime));
  }

  @Test
  void absoluteJudgeRecordsParseFailuresAsErrors() {
    OpenAiChatClient chat = chatAnswering(u -> u.contains("good") ? "Solid answer.\nScore: 8" : "I refuse to grade.");
    try (JudgeRewardModel j = new JudgeRewardModel("judge", chat, JudgeRewardModel.DEFAULT_TEMPLATE, 1, 10, 64, 0)) {
      List<RewardResult> rs = j.scoreAll(List.of(ScoringRequest.of("q", "a good answer"), ScoringRequest.of("q", "meh")));
      assertEquals(8.0, rs.get(0).reward());
      assertEquals(RewardModelKind.GENERATIVE_JUDGE, rs.get(0).provenance().kind());
      assertTrue(rs.get(0).critique().contains("Score: 8"));
      assertTrue(rs.get(1).isError());
      assertEquals("parse", rs.get(1).error().get().kind());
      assertTrue(Double.isNaN(rs.get(1).reward()));
    }
  }

  static List<PairwiseJudge.Pair> pairs() {
    List<PairwiseJudge.Pair> ps = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ps.add(i % 2 == 0
          ? new PairwiseJudge.Pair("q" + i, "GOOD " + i, "bad " + i)
          : new PairwiseJudge.Pair("q" + i, "bad " + i, "GOOD " + i));
    }
    return ps;
  }

  @Test
  void contentJudgeIsPositionConsistent() {
    // prefers whichever response says GOOD, wherever it is shown
    OpenAiChatClient chat = chatAnswering(u -> u.indexOf("[Response A]\nGOOD") >= 0 ? "[[A]]" : "[[B]]");
    try (PairwiseJudge j = new PairwiseJudge(chat, PairwiseJudge.DEFAULT_TEMPLATE, 32, 7)) {
      PairwiseJudge.Report r = j.judgeAll(pairs());
      assertEquals(1.0, r.positionConsistency());
      assertEquals(0.5, r.positionARate(), 1e-9);
      for (int i = 0; i < 40; i++) {
        PairwiseJudge.Judgement g = r.judgements().get(i);
        assertEquals(Optional.of(i % 2 == 0 ? PairwiseJudge.Choice.FIRST : PairwiseJudge.Choice.SECOND), g.preferred(), "pair " + i);
      }
      long firstAsA = r.judgements().stream().filter(PairwiseJudge.Judgement::firstShownAsA).count();
      assertTrue(firstAsA > 5 && firstAsA < 35, "seeded assignment mixes orders: " + firstAsA);
      assertEquals(r.judgements().stream().map(PairwiseJudge.Judgement::firstShownAsA).toList(),
          new PairwiseJudge(chat, PairwiseJudge.DEFAULT_TEMPLATE, 32, 7).judgeAll(pairs()).judgements().stream()
              .map(PairwiseJudge.Judgement::firstShownAsA).toList(), "assignment is seeded");
    }
  }

  @Test
  void positionBiasedJudgeIsInconsistent() {
    OpenAiChatClient chat = chatAnswering(u -> "[[A]]");
    try (PairwiseJudge j = new PairwiseJudge(chat, PairwiseJudge.DEFAULT_TEMPLATE, 32, 7)) {
      PairwiseJudge.Report r = j.judgeAll(pairs());
      assertEquals(0.0, r.positionConsistency());
      assertEquals(1.0, r.positionARate());
      assertTrue(r.judgements().stream().allMatch(g -> g.preferred().isEmpty() && !g.consistent()));
      assertFalse(r.judgements().get(0).verdicts().isEmpty());
    }
  }

  @Test
  void unparseableVerdictIsAnError() {
    OpenAiChatClient chat = chatAnswering(u -> "they are equally good");
    try (PairwiseJudge j = new PairwiseJudge(chat, PairwiseJudge.DEFAULT_TEMPLATE, 32, 7)) {
      PairwiseJudge.Report r = j.judgeAll(pairs().subList(0, 3));
      assertEquals(3, r.errors());
      assertTrue(Double.isNaN(r.positionConsistency()));
      assertEquals("parse", r.judgements().get(0).error().get().kind());
    }
  }
}
