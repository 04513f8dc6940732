package dev.squall.train;

import dev.squall.rm.CritiqueDecoding;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringRequest;
import dev.squall.rm.local.LoadOptions;
import dev.squall.rm.local.LocalModels;
import dev.squall.stats.Interval;
import dev.squall.stats.McNemar;
import dev.squall.stats.Proportion;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluates exported CLoud and classic folders through {@link LocalModels} (the inference path)
 * on in-distribution test pairs: pairwise accuracy (a tie counts as half a correct pair), Wilson
 * 95% intervals, CLoud minus classic with an exact McNemar test (ties count as errors there), and
 * the CLoud critiques' verdict accuracy and correct-computation rate checked by the oracle.
 */
public final class Evaluation {
  private Evaluation() {}

  /** Accuracy with its interval. */
  public record Rate(double successes, int n, double low, double high) {
    public double value() {
      return n == 0 ? Double.NaN : successes / n;
    }

    static Rate of(double successes, int n) {
      if (n == 0) {
        return new Rate(0, 0, 0, 1);
      }
      Interval w = new Proportion(successes, n).wilson(0.95);
      return new Rate(successes, n, w.lower(), w.upper());
    }

    public String format() {
      return String.format(Locale.ROOT, "%.2f%% [%.2f, %.2f] (n=%d)", 100 * value(), 100 * low,
          100 * high, n);
    }
  }

  /** The figures of the model cards. */
  public record Report(
      Rate cloudAccuracy,
      Rate classicAccuracy,
      int cloudOnlyCorrect,
      int classicOnlyCorrect,
      double mcnemarP,
      Rate critiqueVerdict,
      Rate critiqueComputation,
      Rate critiqueExact,
      Rate critiqueTruncated,
      double cloudSeconds,
      double classicSeconds,
      String critiqueDecoding,
      Map<String, List<Rate>> perWorld) {
    public double differencePp() {
      return 100 * (cloudAccuracy.value() - classicAccuracy.value());
    }
  }

  public static Report evaluate(Path cloudDir, Path classicDir, OrganismWorld world,
      List<OrganismPair> test, int maxCritiqueTokens, int batch, PrintStream progress) {
    List<ScoringRequest> reqs = new ArrayList<>();
    for (OrganismPair p : test) {
      reqs.add(ScoringRequest.of(p.prompt(), p.chosen()));
      reqs.add(ScoringRequest.of(p.prompt(), p.rejected()));
    }
    CritiqueDecoding dec = CritiqueDecoding.defaults().withMaxTokens(maxCritiqueTokens);
    LoadOptions opts = LoadOptions.defaults().withBatchSize(batch).withDecoding(dec);
    long t0 = System.nanoTime();
    List<RewardResult> cloud;
    try (RewardModel m = LocalModels.loadRewardModel(cloudDir, opts)) {
      cloud = m.scoreAll(reqs);
    }
    double cloudSecs = (System.nanoTime() - t0) / 1e9;
    t0 = System.nanoTime();
    List<RewardResult> classic;
    try (RewardModel m = LocalModels.loadRewardModel(classicDir, opts)) {
      classic = m.scoreAll(reqs);
    }
    double classicSecs = (System.nanoTime() - t0) / 1e9;
    double cloudOk = 0;
    double classicOk = 0;
    int b = 0;
    int c = 0;
    int verdictOk = 0;
    int computationOk = 0;
    int exact = 0;
    int truncated = 0;
    // per world (id prefix): cloud ok, classic ok, verdict ok, n, computation ok
    Map<String, double[]> groups = new TreeMap<>();
    for (int i = 0; i < test.size(); i++) {
      double s1 = pairScore(cloud.get(2 * i).reward(), cloud.get(2 * i + 1).reward());
      double s2 = pairScore(classic.get(2 * i).reward(), classic.get(2 * i + 1).reward());
      cloudOk += s1;
      classicOk += s2;
      boolean w1 = s1 == 1;
      boolean w2 = s2 == 1;
      if (w1 && !w2) {
        b++;
      } else if (w2 && !w1) {
        c++;
      }
      OrganismPair p = test.get(i);
      String group = p.id().contains("-") ? p.id().substring(0, p.id().indexOf('-')) : "all";
      double[] g = groups.computeIfAbsent(group, k -> new double[5]);
      g[0] += s1;
      g[1] += s2;
      g[3]++;
      for (int k = 0; k < 2; k++) {
        String response = k == 0 ? p.chosen() : p.rejected();
        RewardResult r = cloud.get(2 * i + k);
        String crit = r.critique();
        boolean truth = world.isCorrect(p.prompt(), response);
        if (world.critiqueVerdict(crit).map(v -> v == truth).orElse(false)) {
          verdictOk++;
          g[2]++;
        }
        if (crit.contains(world.oracleComputation(p.prompt(), response))) {
          computationOk++;
          g[4]++;
        }
        if (crit.equals(world.oracleCritique(p.prompt(), response).strip())) {
          exact++;
        }
        if (r.truncated()) {
          truncated++;
        }
      }
    }
    int n = test.size();
    Map<String, List<Rate>> perWorld = new TreeMap<>();
    groups.forEach((k, g) -> perWorld.put(k, List.of(Rate.of(g[0], (int) g[3]),
        Rate.of(g[1], (int) g[3]), Rate.of(g[2], 2 * (int) g[3]), Rate.of(g[4], 2 * (int) g[3]))));
    Report rep = new Report(Rate.of(cloudOk, n), Rate.of(classicOk, n), b, c,
        McNemar.exactPValue(b, c), Rate.of(verdictOk, 2 * n), Rate.of(computationOk, 2 * n),
        Rate.of(exact, 2 * n), Rate.of(truncated, 2 * n), cloudSecs, classicSecs,
        "greedy, repetition penalty " + dec.repetitionPenalty() + ", max " + dec.maxTokens()
            + " tokens", perWorld);
    progress.printf(Locale.ROOT,
        "[eval] CLoud %s, classic %s, diff %+.2f pp, McNemar b=%d c=%d p=%.3g; critique verdict %s,"
            + " computation %s (%.0f s + %.0f s)%n",
        rep.cloudAccuracy().format(), rep.classicAccuracy().format(), rep.differencePp(), b, c,
        rep.mcnemarP(), rep.critiqueVerdict().format(), rep.critiqueComputation().format(),
        cloudSecs, classicSecs);
    perWorld.forEach((k, v) -> progress.printf(Locale.ROOT,
        "[eval] %s: CLoud %s, classic %s, critique verdict %s%n", k, v.get(0).format(),
        v.get(1).format(), v.get(2).format()));
    return rep;
  }

  /** 1 when chosen scores higher, ½ on a tie, else 0. */
  static double pairScore(double chosen, double rejected) {
    return chosen > rejected ? 1 : chosen == rejected ? 0.5 : 0;
  }
}
