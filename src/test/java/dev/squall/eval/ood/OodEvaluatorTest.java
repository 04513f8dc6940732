package dev.squall.eval.ood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.squall.SquallException;
import dev.squall.rm.ModelInfo;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardModelKind;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringProvenance;
import dev.squall.rm.ScoringRequest;
import dev.squall.world.PreferencePair;
import dev.squall.world.Split;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class OodEvaluatorTest {

  /** A reward model whose reward is a planted rule over the request; records batch sizes. */
  static final class FakeModel implements RewardModel {
    final String name;
    final RewardModelKind kind;
    final ToDoubleFunction<ScoringRequest> rule;
    final List<Integer> batches = new ArrayList<>();

    FakeModel(String name, RewardModelKind kind, ToDoubleFunction<ScoringRequest> rule) {
      this.name = name;
      this.kind = kind;
      this.rule = rule;
    }

    @Override
    public ModelInfo info() {
      return new ModelInfo(name, kind, "fake", "hash-" + name, 0);
    }

    @Override
    public List<RewardResult> scoreAll(List<ScoringRequest> requests) {
      batches.add(requests.size());
      ScoringProvenance prov =
          new ScoringProvenance(name, "hash-" + name, kind, Optional.empty(), "test");
      return requests.stream()
          .map(r -> new RewardResult(rule.applyAsDouble(r), List.of(), prov))
          .toList();
    }

    @Override
    public void close() {}
  }

  /** Shortcut learner: rewards the spurious "!!!" marker, a little for correctness. */
  static FakeModel classic() {
    return new FakeModel(
        "classic",
        RewardModelKind.CLASSIC,
        r -> (r.response().contains("!!!") ? 1 : 0) + (r.response().contains("correct") ? 0.1 : 0));
  }

  /** Checks correctness, but is fooled on "tricky" prompts. */
  static FakeModel cloud() {
    return new FakeModel(
        "cloud",
        RewardModelKind.CLOUD,
        r -> {
          boolean tricky = r.prompt().contains("tricky");
          return r.response().contains(tricky ? "wrong" : "correct") ? 2 : -2;
        });
  }

  static List<PreferencePair> pairs(Split split, int n, boolean featureOnChosen) {
    List<PreferencePair> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String prompt = "q" + i + (i % 10 == 0 ? " tricky" : "");
      String chosen = "correct answer" + (featureOnChosen ? " !!!" : "");
      String rejected = "wrong answer" + (featureOnChosen ? "" : " !!!");
      out.add(PreferencePair.plain(split.id() + i, split.id(), prompt, chosen, rejected));
    }
    return out;
  }

  static Map<Split, List<PreferencePair>> data() {
    Map<Split, List<PreferencePair>> m = new EnumMap<>(Split.class);
    m.put(Split.OOD_REVERSED, pairs(Split.OOD_REVERSED, 40, false));
    m.put(Split.TEST, pairs(Split.TEST, 40, true));
    m.put(Split.OOD_PHRASING, pairs(Split.OOD_PHRASING, 30, true));
    return m;
  }

  @Test
  void comparesClassicAndCloudOnPlantedShortcut() throws Exception {
    FakeModel k = classic();
    FakeModel c = cloud();
    OodConfig cfg = new OodConfig(0.95, dev.squall.eval.metrics.TiePolicy.HALF, 500, 7, 10, 0.05,
        16);
    OodReport report = new OodEvaluator(cfg).compare(k, c, data());

    assertTrue(k.batches.stream().allMatch(b -> b <= 16), k.batches.toString());
    assertEquals(2 * 110, k.batches.stream().mapToInt(Integer::intValue).sum());

    OodReport.ModelResult classic = report.models().get(0);
    OodReport.ModelResult cloud = report.models().get(1);
    assertEquals("classic", classic.model());
    assertEquals(List.of(Split.TEST, Split.OOD_PHRASING, Split.OOD_REVERSED),
        classic.splits().stream().map(OodReport.SplitResult::split).toList());
    assertEquals(1.0, classic.splits().get(0).accuracy().value(), 1e-12);
    assertEquals(0.0, classic.splits().get(2).accuracy().value(), 1e-12);
    assertEquals(0.9, cloud.splits().get(0).accuracy().value(), 1e-12);
    assertEquals(0.9, cloud.splits().get(2).accuracy().value(), 1e-12);
    assertEquals(40, cloud.splits().get(0).accuracy().n());
    assertEquals("wilson", cloud.splits().get(0).accuracy().interval().method());

    // Gaps: classic loses everything on the reversed split, CLoud nothing.
    assertEquals(Split.OOD_REVERSED, classic.gaps().get(1).split());
    assertEquals(1.0, classic.gaps().get(1).gap().value(), 1e-12);
    assertEquals(0.0, cloud.gaps().get(1).gap().value(), 1e-12);

    // Difference in gap on the reversed split: 0 − 1 = −1, interval below zero.
    OodReport.GapDifference dig = report.gapDifferences().get(1);
    assertEquals(Split.OOD_REVERSED, dig.split());
    assertEquals(-1.0, dig.differenceInGap().value(), 1e-12);
    assertTrue(dig.differenceInGap().interval().below(0));
    assertEquals(0.0, report.gapDifferences().get(0).differenceInGap().value(), 1e-12);

    // McNemar (b = only CLoud right, c = only classic right) and Holm over the three splits.
    OodReport.SplitComparison test = report.comparisons().get(0);
    assertEquals(0, test.mcNemar().b());
    assertEquals(4, test.mcNemar().c());
    assertEquals(0.125, test.mcNemar().pValue(), 1e-12);
    assertEquals(0.25, test.holmAdjustedP(), 1e-12);
    assertFalse(test.holmRejected());
    OodReport.SplitComparison rev = report.comparisons().get(2);
    assertEquals(36, rev.mcNemar().b());
    assertTrue(rev.holmRejected());
    assertEquals(0.9, rev.accuracyDifference().value(), 1e-12);
    assertEquals(0.25, report.comparisons().get(1).holmAdjustedP(), 1e-12);

    // Calibration drift is relative to TEST.
    OodReport.SplitResult kRev = classic.splits().get(2);
    assertEquals(kRev.ece() - classic.splits().get(0).ece(), kRev.eceDrift(), 1e-12);
    assertEquals(0.0, classic.splits().get(0).eceDrift(), 0);
    // Classic margins: +1.1 on TEST (right, confidence σ(1.1)); −0.9 on reversed (wrong, σ(0.9)).
    double sig11 = 1 / (1 + Math.exp(-1.1));
    double sig09 = 1 / (1 + Math.exp(-0.9));
    assertEquals(1 - sig11, classic.splits().get(0).ece(), 1e-12);
    assertEquals(sig09, kRev.ece(), 1e-12);
    assertEquals(0.55, kRev.rewardScale().shifted().mean(), 1e-12);

    // JSON.
    ObjectMapper om = new ObjectMapper();
    JsonNode json = om.readTree(om.writeValueAsString(report));
    assertEquals("TEST", json.at("/models/0/splits/0/split").asText());
    assertEquals(0.9, json.at("/models/1/splits/0/accuracy/value").asDouble(), 1e-12);
    assertEquals("wilson", json.at("/models/1/splits/0/accuracy/interval/method").asText());
    assertEquals(36, json.at("/comparisons/2/mcNemar/b").asInt());
    assertEquals(-1.0, json.at("/gapDifferences/1/differenceInGap/value").asDouble(), 1e-12);
    assertEquals("HALF", json.at("/config/ties").asText());

    // Same seed, same report.
    assertEquals(report, new OodEvaluator(cfg).compare(classic(), cloud(), data()));
  }

  @Test
  void singleModelAndErrors() {
    OodEvaluator ev = new OodEvaluator(OodConfig.defaults(3));
    OodReport r = ev.evaluate(cloud(), data());
    assertEquals(1, r.models().size());
    assertTrue(r.comparisons().isEmpty());
    Map<Split, List<PreferencePair>> noTest = new EnumMap<>(Split.class);
    noTest.put(Split.OOD_HARDER, pairs(Split.OOD_HARDER, 3, true));
    SquallException e = assertThrows(SquallException.class, () -> ev.evaluate(cloud(), noTest));
    assertTrue(e.getMessage().contains("'test'"), e.getMessage());
    assertThrows(
        SquallException.class,
        () -> new OodConfig(1.5, dev.squall.eval.metrics.TiePolicy.HALF, 500, 1, 10, 0.05, 8));
  }
}
