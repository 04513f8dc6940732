package dev.squall.attack;

import dev.squall.Seeds;
import dev.squall.attack.goal.Goal;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The search's only door to the model, for one item. It applies the constraints (rejected
 * candidates are counted, never scored, never a success), serves texts already scored for this
 * item for free, scores new ones in one batch through the {@link QueryCache}, and charges each
 * distinct text scored for this item against the goal's budget — so the budget is never exceeded
 * and the search path does not depend on what a shared cache already held. Not thread-safe.
 */
public final class SearchState {
  /** A scored, valid candidate. */
  public record Scored(AttackedText text, double reward, double margin, boolean success, RewardResult result) {}

  private final AttackedText original;
  private final AttackContext context;
  private final Transformation transformation;
  private final List<Constraint> constraints;
  private final Goal goal;
  private final RewardModel model;
  private final QueryCache cache;
  private final long seed;
  private final int budget;

  private final Map<String, RewardResult> charged = new HashMap<>();
  private final Map<String, Scored> scored = new HashMap<>();
  private final Map<String, String> invalid = new HashMap<>();
  private final Map<String, Integer> rejections = new LinkedHashMap<>();
  private final List<String> rejectionExamples = new ArrayList<>();
  private int queriesUsed;
  private int modelCalls;
  private boolean budgetHit;
  private double originalReward = Double.NaN;
  private OptionalDouble referenceReward = OptionalDouble.empty();
  private RewardResult originalResult;
  private RewardResult referenceResult;
  private Scored best;

  SearchState(
      AttackedText original,
      AttackContext context,
      Transformation transformation,
      List<Constraint> constraints,
      Goal goal,
      RewardModel model,
      QueryCache cache,
      long seed) {
    this.original = original;
    this.context = context;
    this.transformation = transformation;
    this.constraints = List.copyOf(constraints);
    this.goal = goal;
    this.model = model;
    this.cache = cache;
    this.seed = seed;
    this.budget = goal.queryBudget();
  }

  /** Scores the original (and the reference when the goal needs it); false if over budget. */
  boolean scoreBaseline() {
    List<String> texts = new ArrayList<>();
    texts.add(original.text());
    if (goal.needsReference()) {
      texts.add(context.reference().orElseThrow());
    }
    if (texts.stream().distinct().count() > remaining()) {
      return false;
    }
    List<Optional<RewardResult>> r = charge(texts);
    if (r.stream().anyMatch(Optional::isEmpty)) {
      return false;
    }
    originalResult = r.get(0).get();
    originalReward = originalResult.reward();
    if (goal.needsReference()) {
      referenceResult = r.get(1).get();
      referenceReward = OptionalDouble.of(referenceResult.reward());
    }
    return true;
  }

  public AttackedText original() {
    return original;
  }

  public AttackContext context() {
    return context;
  }

  public Transformation transformation() {
    return transformation;
  }

  public Goal goal() {
    return goal;
  }

  /** The item's search seed. */
  public long seed() {
    return seed;
  }

  /** A seed derived from the item's seed and {@code parts} (e.g. a step number). */
  public long seed(Object... parts) {
    return Seeds.derive(seed, parts);
  }

  public double originalReward() {
    return originalReward;
  }

  public OptionalDouble referenceReward() {
    return referenceReward;
  }

  RewardResult originalResult() {
    return originalResult;
  }

  RewardResult referenceResult() {
    return referenceResult;
  }

  /** Goal margin of the unattacked text. */
  public double originalMargin() {
    return goal.margin(originalReward, originalReward, referenceReward);
  }

  public int remaining() {
    return budget - queriesUsed;
  }

  public int queriesUsed() {
    return queriesUsed;
  }

  /** Requests that actually reached the model (cache misses) for this item. */
  public int modelCalls() {
    return modelCalls;
  }

  /** True when some candidate could not be scored for lack of budget. */
  public boolean budgetHit() {
    return budgetHit || remaining() == 0;
  }

  public boolean succeeded() {
    return best != null && best.success();
  }

  /** True when the goal is reached or the budget is spent: searches should stop. */
  public boolean done() {
    return succeeded() || remaining() <= 0;
  }

  /** The best valid candidate scored so far (highest margin, earliest on ties). */
  public Optional<Scored> best() {
    return Optional.ofNullable(best);
  }

  public int invalidCount() {
    return invalid.size();
  }

  public int scoredCount() {
    return scored.size();
  }

  Map<String, Integer> rejections() {
    return rejections;
  }

  List<String> rejectionExamples() {
    return rejectionExamples;
  }

  /**
   * Checks, then scores {@code candidates} within the budget. Returns the valid ones scored (now
   * or earlier for this item), in input order; rejected ones and those beyond the budget are left
   * out.
   */
  public List<Scored> evaluate(List<AttackedText> candidates) {
    List<AttackedText> fresh = new ArrayList<>();
    java.util.Set<String> pending = new java.util.HashSet<>();
    for (AttackedText c : candidates) {
      String t = c.text();
      if (scored.containsKey(t) || invalid.containsKey(t) || pending.contains(t)) {
        continue;
      }
      String reason = firstRejection(c);
      if (reason != null) {
        invalid.put(t, reason);
        if (rejectionExamples.size() < 5) {
          rejectionExamples.add(reason);
        }
        continue;
      }
      pending.add(t);
      fresh.add(c);
    }
    List<String> texts = fresh.stream().map(AttackedText::text).toList();
    List<Optional<RewardResult>> results = charge(texts);
    for (int i = 0; i < fresh.size(); i++) {
      if (results.get(i).isEmpty()) {
        continue;
      }
      RewardResult r = results.get(i).get();
      double m = goal.margin(r.reward(), originalReward, referenceReward);
      Scored s =
          new Scored(fresh.get(i), r.reward(), m, goal.reached(r.reward(), originalReward, referenceReward), r);
      scored.put(fresh.get(i).text(), s);
      if (best == null || s.margin() > best.margin()) {
        best = s;
      }
    }
    List<Scored> out = new ArrayList<>();
    java.util.Set<String> emitted = new java.util.HashSet<>();
    for (AttackedText c : candidates) {
      Scored s = scored.get(c.text());
      if (s != null && emitted.add(c.text())) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * Rewards of arbitrary texts (e.g. word-deletion probes for word importance), charged to the
   * budget but never checked by constraints and never a success; empty where over budget.
   */
  public List<OptionalDouble> probe(List<String> texts) {
    List<OptionalDouble> out = new ArrayList<>();
    for (Optional<RewardResult> r : charge(texts)) {
      out.add(r.isPresent() ? OptionalDouble.of(r.get().reward()) : OptionalDouble.empty());
    }
    return out;
  }

  private String firstRejection(AttackedText c) {
    for (Constraint k : constraints) {
      Constraint.Check ch = k.check(original, c, context);
      if (!ch.allowed()) {
        rejections.merge(k.name(), 1, Integer::sum);
        return k.name() + ": " + ch.reason();
      }
    }
    return null;
  }

  /** Scores texts, charging each text not yet charged for this item; never exceeds the budget. */
  private List<Optional<RewardResult>> charge(List<String> texts) {
    List<String> fresh = new ArrayList<>();
    for (String t : texts) {
      if (!charged.containsKey(t) && !fresh.contains(t)) {
        if (fresh.size() < remaining()) {
          fresh.add(t);
        } else {
          budgetHit = true;
        }
      }
    }
    if (!fresh.isEmpty()) {
      List<ScoringRequest> reqs = fresh.stream().map(t -> ScoringRequest.of(context.prompt(), t)).toList();
      QueryCache.Batch b = cache.score(model, reqs);
      queriesUsed += fresh.size();
      modelCalls += b.sent();
      for (int i = 0; i < fresh.size(); i++) {
        charged.put(fresh.get(i), b.results().get(i));
      }
    }
    List<Optional<RewardResult>> out = new ArrayList<>();
    for (String t : texts) {
      out.add(Optional.ofNullable(charged.get(t)));
    }
    return out;
  }
}
