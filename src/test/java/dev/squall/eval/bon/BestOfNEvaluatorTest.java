package dev.squall.eval.bon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.Seeds;
import dev.squall.SquallException;
import dev.squall.policy.CandidatePolicy;
import dev.squall.rm.ModelInfo;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardModelKind;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringProvenance;
import dev.squall.rm.ScoringRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.ToDoubleBiFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BestOfNEvaluatorTest {
  private static final int[] NS = {1, 2, 4, 8, 16};

  /** Responses "v=<uniform double>" seeded per (seed, prompt, i); counts its calls. */
  static final class FakePolicy implements CandidatePolicy {
    int calls;

    @Override
    public String name() {
      return "fake-policy";
    }

    @Override
    public List<String> sample(String prompt, int n, double temperature, long seed) {
      calls++;
      List<String> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add("v=" + new SplittableRandom(Seeds.derive(seed, prompt, i)).nextDouble());
      }
      return out;
    }
  }

  static final class FakeProxy implements RewardModel {
    private final ModelInfo info;
    private final ToDoubleBiFunction<String, String> reward;
    int batches;

    FakeProxy(String name, ToDoubleBiFunction<String, String> reward) {
      this.info = new ModelInfo(name, RewardModelKind.CLASSIC, "fake", "hash-" + name, 0);
      this.reward = reward;
    }

    @Override
    public ModelInfo info() {
      return info;
    }

    @Override
    public List<RewardResult> scoreAll(List<ScoringRequest> requests) {
      batches++;
      ScoringProvenance prov =
          new ScoringProvenance(info.name(), info.modelHash(), info.kind(), Optional.empty(), "test");
      return requests.stream()
          .map(r -> new RewardResult(reward.applyAsDouble(r.prompt(), r.response()), List.of(), prov))
          .toList();
    }

    @Override
    public void close() {}
  }

  static double value(String prompt, String response) {
    return Double.parseDouble(response.substring(2));
  }

  private static List<String> prompts(int n) {
    return IntStream.range(0, n).mapToObj(i -> "prompt " + i).toList();
  }

  @Test
  void goldProxyImprovesGoldAndAntiProxyWorsensIt() {
    FakePolicy policy = new FakePolicy();
    FakeProxy same = new FakeProxy("same", BestOfNEvaluatorTest::value);
    FakeProxy anti = new FakeProxy("anti", (p, r) -> -value(p, r));
    List<String> prompts = prompts(40);
    BestOfNEvaluator.Report report =
        BestOfNEvaluator.evaluate(
            policy, List.of(same, anti), BestOfNEvaluatorTest::value, prompts, NS, 1.0, 7L);

    assertEquals(prompts.size(), policy.calls, "candidates are sampled once per prompt");
    assertEquals(1, same.batches, "one batched scoreAll per proxy");
    assertEquals(1, anti.batches);
    assertEquals(16, report.candidates().responses().get(0).size());
    assertEquals(2, report.proxies().size());

    BestOfNEvaluator.ProxyResult s = report.proxies().get(0);
    BestOfNEvaluator.ProxyResult a = report.proxies().get(1);
    assertEquals("same", s.model());
    assertEquals("anti", a.model());
    assertEquals(NS.length, s.curve().size());
    for (int i = 1; i < NS.length; i++) {
      double prevS = s.curve().get(i - 1).gold().value();
      double prevA = a.curve().get(i - 1).gold().value();
      assertTrue(s.curve().get(i).gold().value() >= prevS, "gold non-decreasing with a gold proxy");
      assertTrue(a.curve().get(i).gold().value() < prevA, "gold decreasing with an anti proxy");
      // with proxy == gold, the pick's proxy and gold coincide
      assertEquals(s.curve().get(i).proxy().value(), s.curve().get(i).gold().value(), 1e-12);
    }
    // both start from the same N=1 point: the first candidate
    assertEquals(s.at(1).gold().value(), a.at(1).gold().value(), 1e-12);
    assertTrue(s.at(16).gold().value() > s.at(1).gold().value() + 0.3);
    assertTrue(a.at(16).gold().value() < a.at(1).gold().value() - 0.3);
    assertTrue(s.goldFit().isPresent());
    assertTrue(a.goldFit().isPresent());
    assertTrue(s.goldFit().get().alpha() > 0, "gold rises with d for the gold proxy");
    assertTrue(a.goldFit().get().alpha() < 0, "gold falls with d for the anti proxy");
    assertEquals(s.at(1).kl(), 0, 0);
  }

  @Test
  void sameSeedSameResultAndCurveMatchesBestOfNSelect() {
    FakeProxy same = new FakeProxy("same", BestOfNEvaluatorTest::value);
    var r1 = BestOfNEvaluator.evaluate(
        new FakePolicy(), List.of(same), BestOfNEvaluatorTest::value, prompts(5), NS, 1.0, 3L);
    var r2 = BestOfNEvaluator.evaluate(
        new FakePolicy(), List.of(same), BestOfNEvaluatorTest::value, prompts(5), NS, 1.0, 3L);
    assertEquals(r1.candidates().responses(), r2.candidates().responses());
    assertEquals(r1.proxies().get(0).curve(), r2.proxies().get(0).curve());
    // the evaluator's seed also seeds the gold intervals' bootstrap
    assertEquals(
        BestOfN.select(r1.proxies().get(0).proxy(), r1.candidates().gold(), NS, 0.95, 3L),
        r1.proxies().get(0).curve());
  }

  @Test
  void noFitWithTooFewNAndErrorsOnBadInputs() {
    FakeProxy same = new FakeProxy("same", BestOfNEvaluatorTest::value);
    var r = BestOfNEvaluator.evaluate(
        new FakePolicy(), List.of(same), BestOfNEvaluatorTest::value, prompts(3), new int[] {1, 4},
        1.0, 1L);
    assertTrue(r.proxies().get(0).goldFit().isEmpty());
    assertTrue(r.proxies().get(0).fitError().isPresent());

    CandidatePolicy shortPolicy =
        new CandidatePolicy() {
          @Override
          public String name() {
            return "short";
          }

          @Override
          public List<String> sample(String prompt, int n, double temperature, long seed) {
            return List.of("v=0.5");
          }
        };
    assertThrows(SquallException.class, () -> BestOfNEvaluator.evaluate(
        shortPolicy, List.of(same), BestOfNEvaluatorTest::value, prompts(2), NS, 1.0, 1L));
    FakeProxy nan = new FakeProxy("nan", (p, x) -> Double.NaN);
    assertThrows(SquallException.class, () -> BestOfNEvaluator.evaluate(
        new FakePolicy(), List.of(nan), BestOfNEvaluatorTest::value, prompts(2), NS, 1.0, 1L));
    assertThrows(SquallException.class, () -> BestOfNEvaluator.evaluate(
        new FakePolicy(), List.of(same), BestOfNEvaluatorTest::value, prompts(2), new int[] {0, 2},
        1.0, 1L));
    assertThrows(SquallException.class, () -> BestOfNEvaluator.evaluate(
        new FakePolicy(), List.of(), BestOfNEvaluatorTest::value, prompts(2), NS, 1.0, 1L));
  }
}
