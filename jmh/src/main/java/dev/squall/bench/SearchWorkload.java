package dev.squall.bench;

import dev.squall.attack.Attack;
import dev.squall.attack.AttackItem;
import dev.squall.attack.AttackResult;
import dev.squall.attack.AttackRunner;
import dev.squall.attack.QueryCache;
import dev.squall.attack.SearchMethod;
import dev.squall.attack.UniversalSuffixSearch;
import dev.squall.attack.constraint.LengthRatio;
import dev.squall.attack.constraint.OracleValidity;
import dev.squall.attack.constraint.ProtectedRegions;
import dev.squall.attack.goal.FlipPair;
import dev.squall.attack.recipe.AttackResources;
import dev.squall.attack.search.BeamSearch;
import dev.squall.attack.search.GeneticSearch;
import dev.squall.attack.search.GreedySearch;
import dev.squall.attack.search.RandomSearch;
import dev.squall.attack.transform.VocabularyAppend;
import dev.squall.rm.RewardModel;
import dev.squall.rm.ScoringRequest;
import dev.squall.world.FeatureStrength;
import dev.squall.world.PreferencePair;
import dev.squall.world.Split;
import dev.squall.world.Worlds;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One search method's attack workload, identical on every run: the rejected responses of {@code
 * items} arithmetic test pairs attacked with vocabulary appends under the {@code
 * vocabulary-suffix} recipe's constraints (oracle validity, protected numbers, length ratio), goal
 * flip-pair with {@code budget} queries per item, a fresh query cache and a fixed seed. {@code
 * universal_suffix} instead searches one 4-word suffix over all items with the same total budget.
 * Immutable.
 */
final class SearchWorkload {
  static final List<String> METHODS = List.of("greedy", "beam", "genetic", "random", "universal_suffix");
  static final long SEED = 20261128L;

  private final String method;
  private final List<PreferencePair> pairs;
  private final List<AttackItem> items;
  private final int budget;

  SearchWorkload(String method, int items, int budget) {
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException("method " + method + " not in " + METHODS);
    }
    this.method = method;
    this.pairs = Worlds.byName("arithmetic").generate(Split.TEST, items, 7, FeatureStrength.DEFAULT).toList();
    this.items = pairs.stream().map(AttackItem::rejectedOf).toList();
    this.budget = budget;
  }

  /** The chosen responses (a {@link SpinRewardModel} favours them). */
  Set<String> chosen() {
    return pairs.stream().map(PreferencePair::chosen).collect(Collectors.toSet());
  }

  private SearchMethod search() {
    return switch (method) {
      case "greedy" -> new GreedySearch(8, 20, false);
      case "beam" -> new BeamSearch(2, 8, 8);
      case "genetic" -> new GeneticSearch(8, 12, 0.5);
      case "random" -> new RandomSearch(12, 8, 3);
      default -> throw new IllegalStateException(method + " is not a per-item search");
    };
  }

  /** Runs the workload against {@code model}; returns the queries charged (the same every run). */
  long run(RewardModel model) {
    VocabularyAppend appends = new VocabularyAppend(AttackResources.DEFAULT_VOCABULARY);
    if (method.equals("universal_suffix")) {
      UniversalSuffixSearch.Result r =
          new UniversalSuffixSearch(4, 24, budget * items.size())
              .search(items, List.of(), model, List.of(), AttackResources.DEFAULT_VOCABULARY, new QueryCache(), SEED);
      return r.queriesUsed();
    }
    Attack attack =
        new Attack(
            "bench-" + method, appends,
            List.of(new OracleValidity(false), new ProtectedRegions(Pattern.compile("\\d+"), true), new LengthRatio(1.0, 20.0)),
            new FlipPair(budget), search());
    long queries = 0;
    for (AttackResult r : new AttackRunner(new QueryCache()).runAll(attack, items, model, List.of(), SEED)) {
      queries += r.queriesUsed();
    }
    return queries;
  }

  /** Sends {@code batches} to {@code model} as they are; returns the requests sent. */
  static long replay(RewardModel model, List<List<ScoringRequest>> batches) {
    long n = 0;
    for (List<ScoringRequest> b : batches) {
      n += model.scoreAll(b).size();
    }
    return n;
  }
}
