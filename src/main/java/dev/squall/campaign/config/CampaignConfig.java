package dev.squall.campaign.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.squall.world.Split;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated campaign: models × datasets × evaluators, seeds, budgets and CI thresholds. Built by
 * {@link CampaignParser}; {@link #raw()} is the file's JSON tree as read (stored in the run store so
 * a run can be resumed or re-reported without the file).
 *
 * @param name campaign name (letters, digits, {@code -_.}); the run directory is {@code
 *     <name>-<timestamp>}
 * @param seed base seed; every other seed derives from it unless given
 * @param maxItems cap on items per dataset split (empty: the split's full size)
 * @param batchSize items per batch (each item is one or more scoring requests)
 * @param level confidence level of every interval
 * @param maxModelCalls total budget of (uncached) model calls per model; empty = unlimited
 * @param policy the policy that samples best-of-N candidates (the embedded {@code policy} organism
 *     unless the file names another)
 */
public record CampaignConfig(
    String name,
    String description,
    long seed,
    Optional<Integer> maxItems,
    int batchSize,
    double level,
    Optional<Long> maxModelCalls,
    List<ModelSpec> models,
    List<DatasetSpec> datasets,
    List<EvaluatorSpec> evaluators,
    List<Threshold> thresholds,
    PolicySpec policy,
    JsonNode raw) {
  public CampaignConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(policy, "policy");
    models = List.copyOf(models);
    datasets = List.copyOf(datasets);
    evaluators = List.copyOf(evaluators);
    thresholds = List.copyOf(thresholds);
  }

  public ModelSpec model(String n) {
    return models.stream().filter(m -> m.name().equals(n)).findFirst().orElseThrow();
  }

  public DatasetSpec dataset(String n) {
    return datasets.stream().filter(d -> d.name().equals(n)).findFirst().orElseThrow();
  }

  /**
   * A reward model to evaluate.
   *
   * @param name the name used in results and thresholds
   * @param source an embedded model name ({@code cloud}, {@code classic}) or a model folder
   * @param critiqueSamples CLoud self-consistency samples
   * @param temperature CLoud critique temperature
   * @param maxCritiqueTokens CLoud max new critique tokens
   * @param seed decoding seed (derived from the campaign seed unless given)
   * @param remote for a remote model ({@code "type"}: score_endpoint, judge, remote_critiques): the
   *     entry as written, handed to {@code RemoteModels.rewardModel}; source is then "remote"
   */
  public record ModelSpec(
      String name, String source, int critiqueSamples, double temperature, int maxCritiqueTokens,
      long seed, Optional<JsonNode> remote) {
    /** The decoding parameters as they enter the call-cache key (a remote entry: all of it). */
    public String decodingKey() {
      if (remote.isPresent()) {
        return "remote=" + remote.get();
      }
      return "samples=" + critiqueSamples + ";temperature=" + temperature + ";max_tokens="
          + maxCritiqueTokens + ";seed=" + seed;
    }
  }

  /**
   * The policy that samples best-of-N candidates: a local {@code LlamaForCausalLM} (the embedded
   * {@code policy} organism or a model folder) or a remote OpenAI-compatible chat model. The
   * sampling settings are the campaign's, whatever the backend.
   *
   * @param source the embedded name {@code policy} or an absolute model folder; "remote" for a
   *     remote entry
   * @param temperature sampling temperature (&gt; 0: best-of-N needs distinct candidates)
   * @param maxNewTokens bound on generated tokens per candidate (local; a remote entry's own
   *     {@code max_tokens} bounds remote samples)
   * @param seed base sampling seed; candidate k of item i is seeded from (seed, stage, i, k)
   * @param remote for a remote policy: the entry as written ({@code "type": "policy"}, {@code
   *     name}, {@code endpoint}, {@code max_tokens}), handed to {@code RemoteModels.policy}
   */
  public record PolicySpec(
      String source, double temperature, int maxNewTokens, long seed, Optional<JsonNode> remote) {
    /** Default sampling temperature: the policy's own distribution. */
    public static final double DEFAULT_TEMPERATURE = 1.0;

    /** Default bound on generated tokens per candidate. */
    public static final int DEFAULT_MAX_NEW_TOKENS = 64;

    public PolicySpec {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(remote, "remote");
    }

    /** The embedded policy organism with the default settings and {@code seed}. */
    public static PolicySpec embedded(long seed) {
      return new PolicySpec("policy", DEFAULT_TEMPERATURE, DEFAULT_MAX_NEW_TOKENS, seed, Optional.empty());
    }

    /**
     * What, besides the weights, decides the samples: stored with the run, so a resume that would
     * sample differently is refused.
     */
    public String samplingKey() {
      return (remote.isPresent() ? "remote=" + remote.get() + ";" : "max_new_tokens=" + maxNewTokens + ";")
          + "temperature=" + temperature + ";seed=" + seed;
    }
  }

  /**
   * Preference pairs: a world's generated splits, or a JSONL file.
   *
   * @param world world name when generated
   * @param splits the splits (for a file: one pseudo-split named by {@code split}, default test)
   * @param file a pairs file ({@code loader} {@code pairs_jsonl} or {@code rewardbench})
   * @param seed generation seed
   * @param strength spurious-feature strength on the chosen side in training (default 0.65/0.35)
   */
  public record DatasetSpec(
      String name, Optional<String> world, List<Split> splits, Optional<String> file,
      String loader, long seed, double strengthChosen, double strengthRejected) {
    public DatasetSpec {
      splits = List.copyOf(splits);
    }
  }

  /**
   * One evaluator (a stage of the campaign).
   *
   * @param id unique stage id (defaults to the type, then type-2, ...)
   * @param type {@code ood}, {@code best_of_n} or {@code robustness}
   * @param dataset dataset name
   * @param models the models it runs (default: all)
   * @param splits for best_of_n/robustness: which splits (default: the first)
   * @param attacks robustness: attack recipe names
   * @param ns best_of_n: the N values
   * @param candidates best_of_n: where candidates come from, {@code policy} (sampled from the
   *     campaign's policy) or {@code pair_phrases} (the pair's two responses with planted phrases);
   *     "" for other evaluators
   * @param maxItems cap on items of this stage per split (overrides the campaign's)
   * @param queryBudget robustness: model queries per item for adaptive attacks
   * @param options the evaluator's JSON object as written, for stage-specific settings
   */
  public record EvaluatorSpec(
      String id, String type, String dataset, List<String> models, List<Split> splits,
      List<String> attacks, List<Integer> ns, String candidates, Optional<Integer> maxItems,
      Optional<Integer> queryBudget, JsonNode options) {
    public EvaluatorSpec {
      models = List.copyOf(models);
      splits = List.copyOf(splits);
      attacks = List.copyOf(attacks);
      ns = List.copyOf(ns);
    }
  }

  /**
   * A CI gate, decided on the interval bound: {@code min} passes when the interval's lower bound is
   * at least min; {@code max} passes when its upper bound is at most max.
   *
   * @param metric a metric name (see {@link CampaignParser#METRICS})
   * @param model the model name (or {@code a-b} for comparison metrics)
   * @param split split id, or empty for metrics without one
   * @param stage the evaluator id producing it (empty: the only evaluator producing the metric)
   * @param attack for robustness metrics: the attack recipe (required)
   */
  public record Threshold(
      String metric, String model, Optional<String> split, Optional<String> stage,
      Optional<String> attack, Optional<Double> min, Optional<Double> max) {
    /** A stable test-case name. */
    public String caseName() {
      return metric + "[" + model + split.map(s -> "," + s).orElse("") + attack.map(a -> "," + a).orElse("") + "]"
          + min.map(v -> " >= " + v).orElse("") + max.map(v -> " <= " + v).orElse("");
    }
  }
}
