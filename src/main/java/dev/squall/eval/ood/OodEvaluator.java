package dev.squall.eval.ood;

import dev.squall.SquallException;
import dev.squall.eval.metrics.Calibration;
import dev.squall.eval.metrics.PairwiseAccuracy;
import dev.squall.eval.metrics.RewardScale;
import dev.squall.eval.ood.OodReport.GapDifference;
import dev.squall.eval.ood.OodReport.ModelResult;
import dev.squall.eval.ood.OodReport.SplitComparison;
import dev.squall.eval.ood.OodReport.SplitGap;
import dev.squall.eval.ood.OodReport.SplitResult;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringRequest;
import dev.squall.stats.Bootstrap;
import dev.squall.stats.DifferenceInGap;
import dev.squall.stats.Holm;
import dev.squall.stats.McNemar;
import dev.squall.stats.PairedDifference;
import dev.squall.world.PreferencePair;
import dev.squall.world.Split;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates OOD generalisation of one reward model, or of a classic and a CLoud model on the same
 * pairs. {@link Split#TEST} is the in-distribution reference and must be present; every other
 * split given is compared with it ({@link Split#TRAIN}, if given, is treated like any other).
 *
 * <p>Each pair is scored as two requests (prompt + chosen, prompt + rejected) in {@code
 * scoreAll} batches of {@link OodConfig#batchSize()}. Stateless apart from its config; thread-safe
 * if the models are.
 */
public final class OodEvaluator {
  private final OodConfig config;

  public OodEvaluator(OodConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** One model: per-split accuracy, gaps and calibration; no comparisons. */
  public OodReport evaluate(RewardModel model, Map<Split, List<PreferencePair>> pairsBySplit) {
    Map<Split, Scores> scores = scoreAll(model, checked(pairsBySplit));
    return new OodReport(config, List.of(modelResult(model, scores)), List.of(), List.of());
  }

  /** Classic versus CLoud on the same pairs. */
  public OodReport compare(
      RewardModel classic, RewardModel cloud, Map<Split, List<PreferencePair>> pairsBySplit) {
    Map<Split, List<PreferencePair>> pairs = checked(pairsBySplit);
    Map<Split, Scores> k = scoreAll(classic, pairs);
    Map<Split, Scores> c = scoreAll(cloud, pairs);
    Bootstrap boot = new Bootstrap(config.resamples(), config.seed());
    List<Split> splits = new ArrayList<>(pairs.keySet());
    double[] p = new double[splits.size()];
    List<McNemar> tests = new ArrayList<>();
    for (int i = 0; i < splits.size(); i++) {
      Split s = splits.get(i);
      McNemar m = McNemar.of(c.get(s).strict(), k.get(s).strict());
      tests.add(m);
      p[i] = m.pValue();
    }
    Holm holm = Holm.adjust(p, config.alpha());
    List<SplitComparison> comparisons = new ArrayList<>();
    List<GapDifference> gapDiffs = new ArrayList<>();
    Scores cId = c.get(Split.TEST);
    Scores kId = k.get(Split.TEST);
    for (int i = 0; i < splits.size(); i++) {
      Split s = splits.get(i);
      comparisons.add(
          new SplitComparison(
              s,
              PairedDifference.wald(c.get(s).credits(), k.get(s).credits(), config.level()),
              tests.get(i),
              holm.adjusted().get(i),
              holm.rejected().get(i)));
      if (s != Split.TEST) {
        gapDiffs.add(
            new GapDifference(
                s,
                DifferenceInGap.of(
                    cId.credits(),
                    kId.credits(),
                    c.get(s).credits(),
                    k.get(s).credits(),
                    boot,
                    config.level())));
      }
    }
    return new OodReport(
        config, List.of(modelResult(classic, k), modelResult(cloud, c)), comparisons, gapDiffs);
  }

  private ModelResult modelResult(RewardModel model, Map<Split, Scores> scores) {
    Bootstrap boot = new Bootstrap(config.resamples(), config.seed());
    Scores id = scores.get(Split.TEST);
    double idEce = id.calibration(config.eceBins()).ece();
    List<SplitResult> results = new ArrayList<>();
    List<SplitGap> gaps = new ArrayList<>();
    for (Map.Entry<Split, Scores> e : scores.entrySet()) {
      Scores s = e.getValue();
      double ece = s.calibration(config.eceBins()).ece();
      results.add(
          new SplitResult(
              e.getKey(),
              PairwiseAccuracy.ofCredits(s.credits(), config.level()),
              ece,
              ece - idEce,
              RewardScale.shift(id.all(), s.all())));
      if (e.getKey() != Split.TEST) {
        gaps.add(
            new SplitGap(
                e.getKey(),
                DifferenceInGap.gap(id.credits(), s.credits(), boot, config.level())));
      }
    }
    return new ModelResult(model.info().name(), model.info().kind(), results, gaps);
  }

  private static Map<Split, List<PreferencePair>> checked(Map<Split, List<PreferencePair>> in) {
    Objects.requireNonNull(in, "pairsBySplit");
    if (!in.containsKey(Split.TEST)) {
      throw new SquallException(
          "pairsBySplit must contain the in-distribution split 'test'; had " + in.keySet());
    }
    Map<Split, List<PreferencePair>> out = new EnumMap<>(Split.class);
    for (Map.Entry<Split, List<PreferencePair>> e : in.entrySet()) {
      if (e.getValue().isEmpty()) {
        throw new SquallException("split '" + e.getKey().id() + "' has no pairs (n=0)");
      }
      out.put(e.getKey(), List.copyOf(e.getValue()));
    }
    return out;
  }

  private Map<Split, Scores> scoreAll(RewardModel model, Map<Split, List<PreferencePair>> pairs) {
    Map<Split, Scores> out = new EnumMap<>(Split.class);
    for (Map.Entry<Split, List<PreferencePair>> e : pairs.entrySet()) {
      out.put(e.getKey(), score(model, e.getValue()));
    }
    return out;
  }

  private Scores score(RewardModel model, List<PreferencePair> pairs) {
    int n = pairs.size();
    double[] chosen = new double[n];
    double[] rejected = new double[n];
    int perBatch = Math.max(1, config.batchSize() / 2);
    for (int from = 0; from < n; from += perBatch) {
      int to = Math.min(n, from + perBatch);
      List<ScoringRequest> requests = new ArrayList<>(2 * (to - from));
      for (PreferencePair p : pairs.subList(from, to)) {
        requests.add(ScoringRequest.of(p.prompt(), p.chosen()));
        requests.add(ScoringRequest.of(p.prompt(), p.rejected()));
      }
      List<RewardResult> results = model.scoreAll(requests);
      if (results.size() != requests.size()) {
        throw new SquallException(
            "model '"
                + model.info().name()
                + "' returned "
                + results.size()
                + " results for "
                + requests.size()
                + " requests");
      }
      for (int i = from; i < to; i++) {
        chosen[i] = results.get(2 * (i - from)).reward();
        rejected[i] = results.get(2 * (i - from) + 1).reward();
      }
    }
    return new Scores(chosen, rejected, config);
  }

  /** One model's rewards on one split. */
  private record Scores(double[] chosen, double[] rejected, OodConfig config) {
    double[] credits() {
      return PairwiseAccuracy.credits(chosen, rejected, config.ties());
    }

    boolean[] strict() {
      return PairwiseAccuracy.strictlyCorrect(chosen, rejected);
    }

    Calibration calibration(int bins) {
      return Calibration.of(chosen, rejected, bins);
    }

    double[] all() {
      double[] a = new double[chosen.length * 2];
      System.arraycopy(chosen, 0, a, 0, chosen.length);
      System.arraycopy(rejected, 0, a, chosen.length, rejected.length);
      return a;
    }
  }
}
