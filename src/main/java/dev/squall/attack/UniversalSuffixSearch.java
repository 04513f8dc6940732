package dev.squall.attack;

import dev.squall.rm.RewardModel;
import dev.squall.rm.ScoringRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import java.util.Set;
import java.util.SplittableRandom;

/**
 * Universal suffix search (Raina et al. 2024): greedily builds a phrase of up to {@code length}
 * vocabulary words that raises the mean reward of a set of training responses when appended
 * (space-separated); each step tries {@code candidatesPerStep} words and keeps the best one if it
 * raises the mean. The phrase is then evaluated on held-out items and transferred to other models
 * (evaluation queries are not charged to the search budget). Every search query is charged: a
 * word tried costs one query per training item, and a word is tried only if the whole cost fits,
 * so {@code queryBudget} is never exceeded. Immutable; thread-safe if the cache and models are.
 */
public record UniversalSuffixSearch(int length, int candidatesPerStep, int queryBudget) {
  public UniversalSuffixSearch {
    if (length < 1 || candidatesPerStep < 1 || queryBudget < 1) {
      throw new IllegalArgumentException(
          "length, candidatesPerStep and queryBudget must be >= 1, were " + length + ", "
              + candidatesPerStep + ", " + queryBudget);
    }
  }

  /**
   * The phrase found and what it does.
   *
   * @param suffix the phrase (words joined by spaces; empty when no word helped)
   * @param trainGain mean reward gain on the training items (target model)
   * @param heldOutGain mean reward gain on the held-out items (target model)
   * @param heldOutFlipRate share of held-out items with a reference whose attacked response beats
   *     it while the original did not; NaN when none has a reference
   * @param transferGain mean held-out gain per transfer model name
   * @param queriesUsed search queries charged (never above the budget)
   * @param modelCalls of those, the ones that reached the model
   */
  public record Result(
      String suffix, double trainGain, double heldOutGain, double heldOutFlipRate,
      Map<String, Double> transferGain, int queriesUsed, int modelCalls) {
    public Result {
      Objects.requireNonNull(suffix, "suffix");
      transferGain = Map.copyOf(transferGain);
    }
  }

  public Result search(
      List<AttackItem> train, List<AttackItem> heldOut, RewardModel target, List<RewardModel> transfer,
      Vocabulary vocabulary, QueryCache cache, long seed) {
    if (train.isEmpty()) {
      throw new IllegalArgumentException("universal suffix search needs at least one training item");
    }
    int[] used = {0};
    int[] calls = {0};
    List<String> words = new ArrayList<>();
    if (queryBudget < train.size()) {
      return new Result("", 0, 0, Double.NaN, Map.of(), 0, 0);
    }
    double base = mean(score(train, "", target, cache, used, calls));
    double current = base;
    for (int step = 0; step < length; step++) {
      SplittableRandom rnd = new SplittableRandom(dev.squall.Seeds.derive(seed, "universal", step));
      List<String> cands = draw(vocabulary, candidatesPerStep, rnd);
      String bestWord = null;
      double bestMean = current;
      for (String w : cands) {
        if (queryBudget - used[0] < train.size()) {
          break;
        }
        String suffix = join(words, w);
        double m = mean(score(train, suffix, target, cache, used, calls));
        if (m > bestMean) {
          bestMean = m;
          bestWord = w;
        }
      }
      if (bestWord == null) {
        break;
      }
      words.add(bestWord);
      current = bestMean;
    }
    String suffix = String.join(" ", words);
    double heldGain = Double.NaN;
    double flipRate = Double.NaN;
    Map<String, Double> transferGain = new LinkedHashMap<>();
    if (!heldOut.isEmpty()) {
      heldGain = gain(heldOut, suffix, target, cache);
      int withRef = 0;
      int flips = 0;
      for (AttackItem it : heldOut) {
        if (it.reference().isPresent()) {
          withRef++;
          var r = cache.scoreAll(target, List.of(
              ScoringRequest.of(it.prompt(), it.response()),
              ScoringRequest.of(it.prompt(), append(it.response(), suffix)),
              ScoringRequest.of(it.prompt(), it.reference().get())));
          if (r.get(0).reward() <= r.get(2).reward() && r.get(1).reward() > r.get(2).reward()) {
            flips++;
          }
        }
      }
      flipRate = withRef == 0 ? Double.NaN : (double) flips / withRef;
      for (RewardModel m : transfer) {
        transferGain.put(m.info().name(), gain(heldOut, suffix, m, cache));
      }
    }
    return new Result(suffix, current - base, heldGain, flipRate, transferGain, used[0], calls[0]);
  }

  static String append(String response, String suffix) {
    return suffix.isEmpty() ? response : response + " " + suffix;
  }

  private static String join(List<String> words, String w) {
    List<String> all = new ArrayList<>(words);
    all.add(w);
    return String.join(" ", all);
  }

  private static List<String> draw(Vocabulary v, int n, SplittableRandom rnd) {
    if (n >= v.size()) {
      return v.words();
    }
    Set<String> s = new java.util.LinkedHashSet<>();
    while (s.size() < n) {
      s.add(v.get(rnd.nextInt(v.size())));
    }
    return new ArrayList<>(s);
  }

  private static double gain(List<AttackItem> items, String suffix, RewardModel m, QueryCache cache) {
    List<ScoringRequest> reqs = new ArrayList<>();
    for (AttackItem it : items) {
      reqs.add(ScoringRequest.of(it.prompt(), it.response()));
      reqs.add(ScoringRequest.of(it.prompt(), append(it.response(), suffix)));
    }
    var r = cache.scoreAll(m, reqs);
    double sum = 0;
    for (int i = 0; i < items.size(); i++) {
      sum += r.get(2 * i + 1).reward() - r.get(2 * i).reward();
    }
    return sum / items.size();
  }

  private static List<Double> score(
      List<AttackItem> items, String suffix, RewardModel m, QueryCache cache, int[] used, int[] calls) {
    List<ScoringRequest> reqs = new ArrayList<>();
    for (AttackItem it : items) {
      reqs.add(ScoringRequest.of(it.prompt(), append(it.response(), suffix)));
    }
    Set<ScoringRequest> distinct = new HashSet<>(reqs);
    QueryCache.Batch b = cache.score(m, reqs);
    used[0] += distinct.size();
    calls[0] += b.sent();
    return b.results().stream().map(r -> r.reward()).toList();
  }

  private static double mean(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
  }

}
