package dev.squall.eval.bon;

import dev.squall.SquallException;
import dev.squall.policy.CandidatePolicy;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleBiFunction;

/**
 * Best-of-N end to end (issue 5): the policy samples max(ns) candidates per prompt once; each
 * proxy reward model scores every candidate (one batched {@link RewardModel#scoreAll} call per
 * proxy); the gold function scores every candidate; {@link BestOfN} then picks, for each N, each
 * proxy's best among the first N candidates and reports the picks' mean proxy and gold rewards
 * with intervals (gold: Wilson or bootstrap percentile, inside the gold support), plus the Gao fit
 * of gold against d = √KL.
 *
 * <p>All proxies see the same candidates, so their curves are directly comparable. Stateless;
 * thread-safety is that of the policy and proxies it is given (usually not thread-safe).
 */
public final class BestOfNEvaluator {
  private BestOfNEvaluator() {}

  /** The sampled candidates and their gold rewards, shared by every proxy. */
  public record Candidates(List<String> prompts, List<List<String>> responses, double[][] gold) {
    public Candidates {
      prompts = List.copyOf(prompts);
      responses = responses.stream().map(List::copyOf).toList();
    }
  }

  /**
   * One proxy's best-of-N result.
   *
   * @param model the proxy's {@code info().name()}
   * @param curve one point per N, in the order of {@code ns}
   * @param goldFit the Gao fit of gold reward (relative to the smallest N) against d = √KL; empty
   *     when it could not be fitted (fewer than 2 distinct N &gt; 1, or a degenerate fit)
   * @param fitError why {@code goldFit} is empty, when it is
   * @param proxy {@code proxy[p][k]}: this proxy's reward of prompt p's candidate k
   */
  public record ProxyResult(
      String model,
      List<BestOfNCurve> curve,
      Optional<GaoFit> goldFit,
      Optional<String> fitError,
      double[][] proxy) {
    public ProxyResult {
      Objects.requireNonNull(model, "model");
      curve = List.copyOf(curve);
      Objects.requireNonNull(goldFit, "goldFit");
      Objects.requireNonNull(fitError, "fitError");
    }

    /** The curve point for {@code n}. */
    public BestOfNCurve at(int n) {
      return curve.stream()
          .filter(c -> c.n() == n)
          .findFirst()
          .orElseThrow(() -> new SquallException("no curve point for N=" + n));
    }
  }

  /** Everything an evaluation produced: the shared candidates and one result per proxy. */
  public record Report(Candidates candidates, List<ProxyResult> proxies) {
    public Report {
      Objects.requireNonNull(candidates, "candidates");
      proxies = List.copyOf(proxies);
    }
  }

  /** {@link #evaluate(CandidatePolicy, List, ToDoubleBiFunction, List, int[], double, long, double)} at 95%. */
  public static Report evaluate(
      CandidatePolicy policy, List<? extends RewardModel> proxies,
      ToDoubleBiFunction<String, String> gold, List<String> prompts, int[] ns, double temperature,
      long seed) {
    return evaluate(policy, proxies, gold, prompts, ns, temperature, seed, 0.95);
  }

  /**
   * Samples, scores and selects.
   *
   * @param gold gold reward of (prompt, response), e.g. {@code world::goldReward}
   * @param ns the N values (each ≥ 1), e.g. {1, 2, 4, 8, 16}
   * @param seed passed to {@link CandidatePolicy#sample} for every prompt (the policy derives
   *     per-prompt, per-sample seeds) and to the bootstrap of gold intervals that are not Wilson
   * @param level confidence level of the intervals
   * @throws SquallException when the policy returns too few candidates, a proxy fails to score a
   *     candidate (error or non-finite reward), or a gold reward is not finite
   */
  public static Report evaluate(
      CandidatePolicy policy, List<? extends RewardModel> proxies,
      ToDoubleBiFunction<String, String> gold, List<String> prompts, int[] ns, double temperature,
      long seed, double level) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(gold, "gold");
    if (prompts.isEmpty()) {
      throw new SquallException("need at least one prompt");
    }
    if (proxies.isEmpty()) {
      throw new SquallException("need at least one proxy reward model");
    }
    int maxN = BestOfN.maxN(ns);
    Candidates cands = sample(policy, gold, prompts, maxN, temperature, seed);
    List<ScoringRequest> requests = new ArrayList<>(prompts.size() * maxN);
    for (int p = 0; p < prompts.size(); p++) {
      for (String r : cands.responses().get(p)) {
        requests.add(ScoringRequest.of(prompts.get(p), r));
      }
    }
    long fitPoints = Arrays.stream(ns).filter(n -> n > 1).distinct().count();
    List<ProxyResult> out = new ArrayList<>(proxies.size());
    for (RewardModel rm : proxies) {
      String name = rm.info().name();
      List<RewardResult> res = rm.scoreAll(requests);
      if (res.size() != requests.size()) {
        throw new SquallException(
            "proxy " + name + " returned " + res.size() + " results for " + requests.size()
                + " requests");
      }
      double[][] proxy = new double[prompts.size()][maxN];
      for (int p = 0, k = 0; p < prompts.size(); p++) {
        for (int j = 0; j < maxN; j++, k++) {
          RewardResult r = res.get(k);
          if (r.isError() || !Double.isFinite(r.reward())) {
            throw new SquallException(
                "proxy " + name + " could not score candidate " + j + " of prompt " + p + ": "
                    + r.error().map(Object::toString).orElse("reward " + r.reward()));
          }
          proxy[p][j] = r.reward();
        }
      }
      List<BestOfNCurve> curve = BestOfN.select(proxy, cands.gold(), ns, level, seed);
      Optional<GaoFit> fit = Optional.empty();
      Optional<String> fitError = Optional.empty();
      if (fitPoints >= 2) {
        try {
          fit = Optional.of(BestOfN.analyse(proxy, cands.gold(), ns, level, seed).goldFit());
        } catch (SquallException e) {
          fitError = Optional.of(String.valueOf(e.getMessage()));
        }
      } else {
        fitError = Optional.of("the Gao fit needs at least 2 distinct N > 1, had " + fitPoints);
      }
      out.add(new ProxyResult(name, curve, fit, fitError, proxy));
    }
    return new Report(cands, out);
  }

  private static Candidates sample(
      CandidatePolicy policy, ToDoubleBiFunction<String, String> gold, List<String> prompts,
      int maxN, double temperature, long seed) {
    List<List<String>> responses = new ArrayList<>(prompts.size());
    double[][] g = new double[prompts.size()][maxN];
    for (int p = 0; p < prompts.size(); p++) {
      String prompt = prompts.get(p);
      List<String> rs = policy.sample(prompt, maxN, temperature, seed);
      if (rs.size() < maxN) {
        throw new SquallException(
            "policy " + policy.name() + " returned " + rs.size() + " candidates for prompt " + p
                + "; need max(ns)=" + maxN);
      }
      rs = List.copyOf(rs.subList(0, maxN));
      for (int j = 0; j < maxN; j++) {
        double v = gold.applyAsDouble(prompt, rs.get(j));
        if (!Double.isFinite(v)) {
          throw new SquallException(
              "gold reward of candidate " + j + " of prompt " + p + " is not finite: " + v);
        }
        g[p][j] = v;
      }
      responses.add(rs);
    }
    return new Candidates(prompts, responses, g);
  }
}
