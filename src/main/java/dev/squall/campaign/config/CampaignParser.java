package dev.squall.campaign.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.ConfigException;
import dev.squall.Seeds;
import dev.squall.campaign.config.CampaignConfig.DatasetSpec;
import dev.squall.campaign.config.CampaignConfig.EvaluatorSpec;
import dev.squall.campaign.config.CampaignConfig.ModelSpec;
import dev.squall.campaign.config.CampaignConfig.PolicySpec;
import dev.squall.campaign.config.CampaignConfig.Threshold;
import dev.squall.campaign.config.CampaignConfigException.Problem;
import dev.squall.model.hf.EmbeddedModels;
import dev.squall.model.hf.ModelFolder;
import dev.squall.model.hf.ModelLayout;
import dev.squall.world.Split;
import dev.squall.world.World;
import dev.squall.world.Worlds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and validates campaign files (JSON). Every problem is collected, then reported together,
 * each with its field path, the value found and what is allowed.
 */
public final class CampaignParser {
  /** Evaluator types. */
  public static final List<String> EVALUATORS = List.of("ood", "best_of_n", "robustness");

  /** Metrics thresholds can gate on, with the evaluator type that produces them. */
  public static final Map<String, String> METRICS =
      Map.of(
          "ood_accuracy", "ood",
          "ood_gap", "ood",
          "bon_proxy", "best_of_n",
          "clean_accuracy", "robustness",
          "bon_gold", "best_of_n",
          "robust_accuracy", "robustness",
          "attack_success_rate", "robustness");

  /** Remote model entry types ({@code dev.squall.remote.RemoteModels}). */
  public static final List<String> REMOTE_TYPES = List.of("score_endpoint", "judge", "remote_critiques");

  /** Where a best_of_n evaluator's candidates come from (the first is the default). */
  public static final List<String> CANDIDATE_SOURCES = List.of("policy", "pair_phrases");

  /** Dataset file loaders. */
  public static final List<String> LOADERS = List.of("pairs_jsonl", "rewardbench");

  private static final List<String> ROOT_KEYS =
      List.of("name", "description", "source", "seed", "max_items", "batch_size", "level", "budget",
          "models", "datasets", "evaluators", "thresholds", "policy");
  private static final List<String> MODEL_KEYS =
      List.of("name", "source", "critique_samples", "temperature", "max_critique_tokens", "seed", "type");
  private static final List<String> POLICY_KEYS =
      List.of("source", "temperature", "max_new_tokens", "seed");
  private static final List<String> REMOTE_POLICY_KEYS =
      List.of("type", "name", "endpoint", "max_tokens", "temperature", "seed");
  private static final List<String> DATASET_KEYS =
      List.of("name", "world", "splits", "file", "loader", "seed", "strength");
  private static final List<String> EVALUATOR_KEYS =
      List.of("id", "type", "dataset", "models", "splits", "attacks", "ns", "candidates",
          "max_items", "query_budget", "options");
  private static final List<String> THRESHOLD_KEYS =
      List.of("metric", "model", "split", "stage", "attack", "min", "max");

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Set<String> knownAttacks;
  private final Path baseDir;
  private final List<Problem> problems = new ArrayList<>();

  /**
   * @param baseDir relative model folders and dataset files resolve against it (then the working
   *     directory)
   * @param knownAttacks attack recipe names robustness evaluators may use
   */
  public CampaignParser(Path baseDir, Set<String> knownAttacks) {
    this.baseDir = baseDir;
    this.knownAttacks = Set.copyOf(knownAttacks);
  }

  /** Parses and validates {@code file}. */
  public static CampaignConfig read(Path file, Set<String> knownAttacks) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException("cannot read campaign file " + file + ": " + e.getMessage(), e);
    }
    String name = file.getFileName().toString();
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      throw new ConfigException(
          file + ": YAML campaign files need jackson-dataformat-yaml, which this build does not"
              + " include; use the .json form");
    }
    Path base = file.toAbsolutePath().getParent();
    return new CampaignParser(base, knownAttacks).parse(file.toString(), text);
  }

  /** Parses and validates campaign JSON text; {@code origin} names it in messages. */
  public CampaignConfig parse(String origin, String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new CampaignConfigException(
          origin,
          List.of(new Problem("$", "malformed JSON (" + e.getOriginalMessage() + " at line "
              + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")", "a JSON object")));
    }
    return parse(origin, root);
  }

  /** Validates a JSON tree. */
  public CampaignConfig parse(String origin, JsonNode root) {
    problems.clear();
    if (root == null || !root.isObject()) {
      throw new CampaignConfigException(
          origin, List.of(new Problem("$", describe(root), "a JSON object")));
    }
    keys(root, "$", ROOT_KEYS);
    String name = string(root, "$", "name", null);
    if (name != null && !name.matches("[A-Za-z0-9_.-]{1,64}")) {
      problem("$.name", name, "1-64 letters, digits, '-', '_' or '.'");
    }
    String description = string(root, "$", "description", "");
    long seed = integer(root, "$", "seed", 0L, Long.MIN_VALUE, Long.MAX_VALUE);
    Optional<Integer> maxItems = optInt(root, "$", "max_items", 1, Integer.MAX_VALUE);
    int batch = (int) integer(root, "$", "batch_size", 16L, 1, 4096);
    double level = number(root, "$", "level", 0.95, 0, 1, false);
    Optional<Long> maxCalls = Optional.empty();
    if (root.has("budget")) {
      JsonNode b = root.get("budget");
      if (!b.isObject()) {
        problem("$.budget", describe(b), "an object {\"max_model_calls\": N}");
      } else {
        keys(b, "$.budget", List.of("max_model_calls"));
        if (b.has("max_model_calls")) {
          maxCalls = Optional.of(integer(b, "$.budget", "max_model_calls", 1L, 1, Long.MAX_VALUE));
        }
      }
    }
    List<ModelSpec> models = models(root, seed);
    Set<String> modelNames = models.stream().map(ModelSpec::name).collect(Collectors.toCollection(LinkedHashSet::new));
    List<DatasetSpec> datasets = datasets(root, seed);
    List<EvaluatorSpec> evaluators = evaluators(root, modelNames, datasets);
    List<Threshold> thresholds = thresholds(root, modelNames, evaluators, datasets);
    PolicySpec policy = policy(root, seed);
    if (!problems.isEmpty()) {
      throw new CampaignConfigException(origin, problems);
    }
    return new CampaignConfig(
        name, description, seed, maxItems, batch, level, maxCalls, models, datasets, evaluators,
        thresholds, policy, root);
  }

  private List<ModelSpec> models(JsonNode root, long seed) {
    List<ModelSpec> out = new ArrayList<>();
    JsonNode arr = array(root, "$", "models", true);
    Set<String> seen = new HashSet<>();
    for (int i = 0; arr != null && i < arr.size(); i++) {
      String p = "$.models[" + i + "]";
      JsonNode m = arr.get(i);
      if (!m.isObject()) {
        problem(p, describe(m), "an object with name and source");
        continue;
      }
      if (m.has("type")) {
        String type = m.get("type").asText();
        if (!REMOTE_TYPES.contains(type)) {
          problem(p + ".type", describe(m.get("type")), "one of " + REMOTE_TYPES + " (a remote model; see docs/remote.md)");
        }
        String rname = string(m, p, "name", null);
        if (rname != null && !seen.add(rname)) {
          problem(p + ".name", quote(rname), "a name not used by another model");
        }
        if (!m.has("endpoint") || !m.get("endpoint").isObject()) {
          problem(p + ".endpoint", describe(m.get("endpoint")), "an object with base_url (see docs/remote.md)");
        }
        if (rname != null) {
          out.add(new ModelSpec(rname, "remote", 1, 0, 1, 0, Optional.of(m)));
        }
        continue;
      }
      keys(m, p, MODEL_KEYS);
      String source = string(m, p, "source", null);
      String name = string(m, p, "name", source);
      if (name != null && !seen.add(name)) {
        problem(p + ".name", quote(name), "a name not used by another model");
      }
      if (source != null) {
        String resolved = resolveModel(source);
        if (resolved == null) {
          problem(p + ".source", quote(source),
              "an embedded model " + EmbeddedModels.NAMES + " or an existing model folder");
        } else {
          source = resolved;
        }
      }
      int samples = (int) integer(m, p, "critique_samples", 1L, 1, 64);
      double temp = number(m, p, "temperature", 0.0, 0, 10, true);
      if (samples > 1 && temp == 0) {
        problem(p + ".temperature", "0 with critique_samples " + samples,
            "a temperature > 0 for more than one critique (greedy critiques are identical)");
      }
      int maxTok = (int) integer(m, p, "max_critique_tokens", 1024L, 1, 8192);
      long mseed = integer(m, p, "seed", Seeds.derive(seed, "model", name), Long.MIN_VALUE, Long.MAX_VALUE);
      if (name != null && source != null) {
        out.add(new ModelSpec(name, source, samples, temp, maxTok, mseed, Optional.empty()));
      }
    }
    return out;
  }

  /**
   * The campaign's best-of-N policy: absent means the embedded {@code policy} organism; an object
   * without {@code type} is a local causal LM ({@code source}: {@code policy} or a folder); {@code
   * "type": "policy"} is a remote chat policy as in docs/remote.md.
   */
  private PolicySpec policy(JsonNode root, long seed) {
    long dflt = Seeds.derive(seed, "policy");
    JsonNode n = root.get("policy");
    if (n == null || n.isNull()) {
      return PolicySpec.embedded(dflt);
    }
    String p = "$.policy";
    if (!n.isObject()) {
      problem(p, describe(n), "an object {\"source\": \"policy\" or a model folder, \"temperature\": T}"
          + " or a remote policy {\"type\": \"policy\", \"name\", \"endpoint\"}");
      return PolicySpec.embedded(dflt);
    }
    double temp = number(n, p, "temperature", PolicySpec.DEFAULT_TEMPERATURE, 0, 10, false);
    long pseed = integer(n, p, "seed", dflt, Long.MIN_VALUE, Long.MAX_VALUE);
    if (n.has("type")) {
      keys(n, p, REMOTE_POLICY_KEYS);
      if (!"policy".equals(n.get("type").asText())) {
        problem(p + ".type", describe(n.get("type")),
            "\"policy\" (a remote chat policy, docs/remote.md), or no type for a local policy");
      }
      string(n, p, "name", null);
      if (!n.has("endpoint") || !n.get("endpoint").isObject()) {
        problem(p + ".endpoint", describe(n.get("endpoint")), "an object with base_url (see docs/remote.md)");
      }
      int maxTokens = (int) integer(n, p, "max_tokens", 256L, 1, 32768);
      return new PolicySpec("remote", temp, maxTokens, pseed, Optional.of(n));
    }
    keys(n, p, POLICY_KEYS);
    String source = string(n, p, "source", "policy");
    int maxNew = (int) integer(n, p, "max_new_tokens", (long) PolicySpec.DEFAULT_MAX_NEW_TOKENS, 1, 8192);
    String resolved = resolvePolicy(source);
    if (resolved == null) {
      problem(p + ".source", quote(source),
          "the embedded policy \"policy\" or a LlamaForCausalLM model folder (config.json architectures)");
      resolved = "policy";
    }
    return new PolicySpec(resolved, temp, maxNew, pseed, Optional.empty());
  }

  /** The embedded policy, or the absolute path of a causal-LM folder; null when neither. */
  private String resolvePolicy(String source) {
    if ("policy".equals(source)) {
      return source;
    }
    if (EmbeddedModels.NAMES.contains(source)) {
      return null; // the embedded reward models are not policies
    }
    String dir = resolveModel(source);
    if (dir == null) {
      return null;
    }
    try {
      return ModelFolder.open(Path.of(dir)).layout() == ModelLayout.CAUSAL_LM ? dir : null;
    } catch (RuntimeException notAModel) {
      return null;
    }
  }

  private String resolveModel(String source) {
    if (EmbeddedModels.NAMES.contains(source)) {
      return source;
    }
    for (Path p : candidates(source)) {
      if (Files.isDirectory(p)) {
        return p.toAbsolutePath().normalize().toString();
      }
    }
    return null;
  }

  private List<Path> candidates(String s) {
    Path p = Path.of(s);
    if (p.isAbsolute() || baseDir == null) {
      return List.of(p);
    }
    return List.of(baseDir.resolve(p), p);
  }

  private List<DatasetSpec> datasets(JsonNode root, long seed) {
    List<DatasetSpec> out = new ArrayList<>();
    JsonNode arr = array(root, "$", "datasets", true);
    Set<String> seen = new HashSet<>();
    for (int i = 0; arr != null && i < arr.size(); i++) {
      String p = "$.datasets[" + i + "]";
      JsonNode d = arr.get(i);
      if (!d.isObject()) {
        problem(p, describe(d), "an object with name and world (or file)");
        continue;
      }
      keys(d, p, DATASET_KEYS);
      Optional<String> world = Optional.ofNullable(string(d, p, "world", null));
      Optional<String> file = Optional.ofNullable(string(d, p, "file", null));
      String name = string(d, p, "name", world.orElse(file.orElse(null)));
      if (name != null && !seen.add(name)) {
        problem(p + ".name", quote(name), "a name not used by another dataset");
      }
      if (world.isPresent() == file.isPresent()) {
        problem(p, world.isPresent() ? "both world and file" : "neither world nor file",
            "exactly one of world (generated pairs) or file (a pairs file)");
      }
      if (world.isPresent()) {
        List<String> names = Worlds.all().stream().map(World::name).toList();
        if (!names.contains(world.get())) {
          problem(p + ".world", quote(world.get()), "one of " + names);
        }
      }
      String loader = string(d, p, "loader", "pairs_jsonl");
      if (!LOADERS.contains(loader)) {
        problem(p + ".loader", quote(loader), "one of " + LOADERS);
      }
      if (file.isPresent()) {
        Path f = candidates(file.get()).stream().filter(Files::isRegularFile).findFirst().orElse(null);
        if (f == null) {
          problem(p + ".file", quote(file.get()), "an existing file (relative to the campaign file or the working directory)");
        } else {
          file = Optional.of(f.toAbsolutePath().normalize().toString());
        }
      }
      List<Split> splits = splits(d, p, "splits", List.of(Split.TEST));
      long dseed = integer(d, p, "seed", Seeds.derive(seed, "dataset", name), Long.MIN_VALUE, Long.MAX_VALUE);
      double sc = dev.squall.world.FeatureStrength.DEFAULT.pChosen();
      double sr = dev.squall.world.FeatureStrength.DEFAULT.pRejected();
      if (d.has("strength")) {
        JsonNode s = d.get("strength");
        if (!s.isObject()) {
          problem(p + ".strength", describe(s), "an object {\"chosen\": p, \"rejected\": q} with probabilities");
        } else {
          keys(s, p + ".strength", List.of("chosen", "rejected"));
          sc = number(s, p + ".strength", "chosen", sc, 0, 1, true);
          sr = number(s, p + ".strength", "rejected", sr, 0, 1, true);
        }
      }
      if (name != null) {
        out.add(new DatasetSpec(name, world, splits, file, loader, dseed, sc, sr));
      }
    }
    return out;
  }

  private List<EvaluatorSpec> evaluators(
      JsonNode root, Set<String> modelNames, List<DatasetSpec> datasets) {
    List<EvaluatorSpec> out = new ArrayList<>();
    JsonNode arr = array(root, "$", "evaluators", true);
    Set<String> ids = new HashSet<>();
    for (int i = 0; arr != null && i < arr.size(); i++) {
      String p = "$.evaluators[" + i + "]";
      JsonNode e = arr.get(i);
      if (!e.isObject()) {
        problem(p, describe(e), "an object with type and dataset");
        continue;
      }
      keys(e, p, EVALUATOR_KEYS);
      String type = string(e, p, "type", null);
      if (type != null && !EVALUATORS.contains(type)) {
        problem(p + ".type", quote(type), "one of " + EVALUATORS);
        type = null;
      }
      String id = string(e, p, "id", null);
      if (id == null && type != null) {
        id = type;
        for (int k = 2; ids.contains(id); k++) {
          id = type + "-" + k;
        }
      }
      if (id != null && !ids.add(id)) {
        problem(p + ".id", quote(id), "an id not used by another evaluator");
      }
      String dsName =
          string(e, p, "dataset", datasets.size() == 1 ? datasets.get(0).name() : null);
      DatasetSpec ds = datasets.stream().filter(d -> d.name().equals(dsName)).findFirst().orElse(null);
      if (dsName != null && ds == null) {
        problem(p + ".dataset", quote(dsName),
            "one of the datasets " + datasets.stream().map(DatasetSpec::name).toList());
      } else if (dsName == null && !e.has("dataset")) {
        problem(p + ".dataset", "nothing", "a dataset name (needed when there are several datasets)");
      }
      List<String> models = new ArrayList<>(modelNames);
      if (e.has("models")) {
        models = strings(e, p, "models");
        for (int k = 0; k < models.size(); k++) {
          if (!modelNames.contains(models.get(k))) {
            problem(p + ".models[" + k + "]", quote(models.get(k)), "one of the models " + sorted(modelNames));
          }
        }
      }
      List<Split> splits =
          splits(e, p, "splits", ds == null ? List.of() : "ood".equals(type) ? ds.splits() : ds.splits().subList(0, 1));
      if (ds != null) {
        for (int k = 0; k < splits.size(); k++) {
          if (!ds.splits().contains(splits.get(k))) {
            problem(p + ".splits[" + k + "]", quote(splits.get(k).id()),
                "a split of dataset '" + ds.name() + "': " + ds.splits().stream().map(Split::id).toList());
          }
        }
      }
      if ("ood".equals(type) && !splits.contains(Split.TEST)) {
        problem(p + ".splits", splits.stream().map(Split::id).toList().toString(),
            "a list including the in-distribution split 'test' (the OOD reference)");
      }
      if ("best_of_n".equals(type) && ds != null && ds.world().isEmpty()) {
        problem(p + ".dataset", quote(ds.name()) + " (a file)", "a world dataset (best-of-N needs the world's gold reward)");
      }
      List<String> attacks = e.has("attacks") ? strings(e, p, "attacks") : List.of();
      if ("robustness".equals(type)) {
        if (attacks.isEmpty()) {
          problem(p + ".attacks", e.has("attacks") ? "[]" : "nothing",
              "a non-empty list of attack recipe names " + sorted(knownAttacks));
        }
        for (int k = 0; k < attacks.size(); k++) {
          if (!knownAttacks.contains(attacks.get(k))) {
            problem(p + ".attacks[" + k + "]", quote(attacks.get(k)),
                knownAttacks.isEmpty() ? "none: this build has no attack library"
                    : "one of " + sorted(knownAttacks));
          }
        }
      } else if (e.has("attacks")) {
        problem(p + ".attacks", "attacks on a '" + type + "' evaluator", "attacks only on robustness evaluators");
      }
      List<Integer> ns = List.of();
      if ("best_of_n".equals(type)) {
        ns = List.of(1, 2, 4, 8);
        if (e.has("ns")) {
          JsonNode a = e.get("ns");
          List<Integer> got = new ArrayList<>();
          if (!a.isArray() || a.isEmpty()) {
            problem(p + ".ns", describe(a), "a non-empty array of increasing integers in [1, 64]");
          } else {
            for (int k = 0; k < a.size(); k++) {
              JsonNode v = a.get(k);
              if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1 || v.asInt() > 64
                  || (!got.isEmpty() && v.asInt() <= got.get(got.size() - 1))) {
                problem(p + ".ns[" + k + "]", describe(v), "an integer in [1, 64] greater than the one before");
              } else {
                got.add(v.asInt());
              }
            }
            ns = got;
          }
        }
      } else if (e.has("ns")) {
        problem(p + ".ns", "ns on a '" + type + "' evaluator", "ns only on best_of_n evaluators");
      }
      String candidates = "";
      if ("best_of_n".equals(type)) {
        candidates = string(e, p, "candidates", CANDIDATE_SOURCES.get(0));
        if (!CANDIDATE_SOURCES.contains(candidates)) {
          problem(p + ".candidates", quote(candidates), "one of " + CANDIDATE_SOURCES);
          candidates = CANDIDATE_SOURCES.get(0);
        }
      } else if (e.has("candidates")) {
        problem(p + ".candidates", "candidates on a '" + type + "' evaluator", "candidates only on best_of_n evaluators");
      }
      Optional<Integer> maxItems = optInt(e, p, "max_items", 1, Integer.MAX_VALUE);
      Optional<Integer> qb = optInt(e, p, "query_budget", 1, Integer.MAX_VALUE);
      JsonNode options = e.has("options") ? e.get("options") : JSON.createObjectNode();
      if (!options.isObject()) {
        problem(p + ".options", describe(options), "an object");
      }
      if (type != null && id != null && ds != null) {
        out.add(new EvaluatorSpec(id, type, ds.name(), models, splits, attacks, ns, candidates, maxItems, qb,
            options));
      }
    }
    return out;
  }

  private List<Threshold> thresholds(
      JsonNode root, Set<String> modelNames, List<EvaluatorSpec> evaluators, List<DatasetSpec> datasets) {
    List<Threshold> out = new ArrayList<>();
    JsonNode arr = array(root, "$", "thresholds", false);
    for (int i = 0; arr != null && i < arr.size(); i++) {
      String p = "$.thresholds[" + i + "]";
      JsonNode t = arr.get(i);
      if (!t.isObject()) {
        problem(p, describe(t), "an object {metric, model, split, min|max}");
        continue;
      }
      keys(t, p, THRESHOLD_KEYS);
      String metric = string(t, p, "metric", null);
      if (metric != null && !METRICS.containsKey(metric)) {
        problem(p + ".metric", quote(metric), "one of " + sorted(METRICS.keySet()));
        metric = null;
      }
      String model = string(t, p, "model", null);
      if (model != null && !modelNames.contains(model)) {
        problem(p + ".model", quote(model), "one of the models " + sorted(modelNames));
      }
      Optional<String> stage = Optional.ofNullable(string(t, p, "stage", null));
      String type = metric == null ? null : METRICS.get(metric);
      List<EvaluatorSpec> producers =
          evaluators.stream()
              .filter(e -> e.type().equals(type))
              .filter(e -> stage.isEmpty() || e.id().equals(stage.get()))
              .toList();
      if (metric != null && producers.isEmpty()) {
        problem(stage.isPresent() ? p + ".stage" : p + ".metric",
            stage.isPresent() ? quote(stage.get()) : quote(metric),
            "a metric produced by an evaluator of the campaign (" + metric + " needs a '" + type
                + "' evaluator" + stage.map(s -> " with id " + s).orElse("") + ")");
      } else if (metric != null && producers.size() > 1 && stage.isEmpty()) {
        problem(p + ".stage", "nothing", "one of " + producers.stream().map(EvaluatorSpec::id).toList()
            + " (several evaluators produce " + metric + ")");
      }
      Optional<String> split = Optional.ofNullable(string(t, p, "split", null));
      if (split.isPresent() && producers.size() == 1) {
        List<String> allowed = producers.get(0).splits().stream().map(Split::id).toList();
        if ("ood_gap".equals(metric)) {
          allowed = allowed.stream().filter(s -> !s.equals("test")).toList();
        }
        if (!allowed.contains(split.get())) {
          problem(p + ".split", quote(split.get()), "one of " + allowed);
        }
      } else if (split.isEmpty() && metric != null && metric.startsWith("ood_")) {
        problem(p + ".split", "nothing", "a split id (e.g. \"ood_reversed\")");
      }
      Optional<Double> min = t.has("min") ? Optional.of(number(t, p, "min", 0, -1e9, 1e9, true)) : Optional.empty();
      Optional<Double> max = t.has("max") ? Optional.of(number(t, p, "max", 0, -1e9, 1e9, true)) : Optional.empty();
      if (min.isPresent() == max.isPresent()) {
        problem(p, min.isPresent() ? "both min and max" : "neither min nor max",
            "exactly one of min (lower bound must reach it) or max (upper bound must stay under it)");
      }
      Optional<String> attack = Optional.ofNullable(string(t, p, "attack", null));
      if ("robustness".equals(type) && producers.size() == 1) {
        List<String> allowed = producers.get(0).attacks();
        if (attack.isEmpty() || !allowed.contains(attack.get())) {
          problem(p + ".attack", attack.map(CampaignParser::quote).orElse("nothing"),
              "one of the evaluator's attacks " + allowed);
        }
      } else if (attack.isPresent() && !"robustness".equals(type)) {
        problem(p + ".attack", quote(attack.get()), "attack only on robustness metrics");
      }
      if (metric != null && model != null) {
        out.add(new Threshold(metric, model, split, stage.or(() -> producers.size() == 1
            ? Optional.of(producers.get(0).id()) : Optional.empty()), attack, min, max));
      }
    }
    return out;
  }

  // ---- field helpers --------------------------------------------------------------------------

  private void problem(String path, String found, String allowed) {
    problems.add(new Problem(path, found, allowed));
  }

  private void keys(JsonNode obj, String path, List<String> allowed) {
    for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        problem(path + "." + k, "an unknown field", "the fields " + allowed);
      }
    }
  }

  private String string(JsonNode obj, String path, String field, String dflt) {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      if (dflt == null && isRequired(field)) {
        problem(path + "." + field, "nothing", "a string (required)");
      }
      return dflt;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      problem(path + "." + field, describe(v), "a non-empty string");
      return dflt;
    }
    return v.asText();
  }

  private static boolean isRequired(String field) {
    return List.of("name", "source", "type", "metric", "model").contains(field);
  }

  private long integer(JsonNode obj, String path, String field, Long dflt, long min, long max) {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
      problem(path + "." + field, describe(v), "an integer in [" + min + ", " + max + "]");
      return dflt;
    }
    return v.asLong();
  }

  private Optional<Integer> optInt(JsonNode obj, String path, String field, int min, int max) {
    if (!obj.has(field) || obj.get(field).isNull()) {
      return Optional.empty();
    }
    long v = integer(obj, path, field, Long.MIN_VALUE, min, max);
    return v == Long.MIN_VALUE ? Optional.empty() : Optional.of((int) v);
  }

  private double number(
      JsonNode obj, String path, String field, double dflt, double min, double max, boolean closed) {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    double d = v.asDouble();
    boolean ok = v.isNumber() && (closed ? d >= min && d <= max : d > min && d < max);
    if (!ok) {
      problem(path + "." + field, describe(v),
          "a number in " + (closed ? "[" : "(") + min + ", " + max + (closed ? "]" : ")"));
      return dflt;
    }
    return d;
  }

  private JsonNode array(JsonNode obj, String path, String field, boolean required) {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        problem(path + "." + field, "nothing", "a non-empty array (required)");
      }
      return null;
    }
    if (!v.isArray() || (required && v.isEmpty())) {
      problem(path + "." + field, describe(v), required ? "a non-empty array" : "an array");
      return null;
    }
    return v;
  }

  private List<String> strings(JsonNode obj, String path, String field) {
    JsonNode v = obj.get(field);
    List<String> out = new ArrayList<>();
    if (!v.isArray()) {
      problem(path + "." + field, describe(v), "an array of strings");
      return out;
    }
    for (int k = 0; k < v.size(); k++) {
      if (!v.get(k).isTextual()) {
        problem(path + "." + field + "[" + k + "]", describe(v.get(k)), "a string");
      } else {
        out.add(v.get(k).asText());
      }
    }
    return out;
  }

  private List<Split> splits(JsonNode obj, String path, String field, List<Split> dflt) {
    if (!obj.has(field)) {
      return dflt;
    }
    List<String> names = strings(obj, path, field);
    List<String> allowed = Arrays.stream(Split.values()).map(Split::id).toList();
    Set<Split> out = new LinkedHashSet<>();
    if (names.isEmpty() && obj.get(field).isArray()) {
      problem(path + "." + field, "[]", "a non-empty array of " + allowed);
    }
    for (int k = 0; k < names.size(); k++) {
      if (!allowed.contains(names.get(k))) {
        problem(path + "." + field + "[" + k + "]", quote(names.get(k)), "one of " + allowed);
      } else if (!out.add(Split.fromId(names.get(k)))) {
        problem(path + "." + field + "[" + k + "]", quote(names.get(k)) + " (a repeat)", "each split once");
      }
    }
    return List.copyOf(out);
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }

  static String describe(JsonNode v) {
    if (v == null || v.isMissingNode()) {
      return "nothing";
    }
    if (v.isNull()) {
      return "null";
    }
    String s = v.toString();
    String kind =
        v.isTextual() ? "string" : v.isIntegralNumber() ? "integer" : v.isNumber() ? "number"
            : v.isBoolean() ? "boolean" : v.isArray() ? "array" : "object";
    return kind + " " + (s.length() > 60 ? s.substring(0, 57) + "..." : s);
  }

  /** A deep copy of a campaign tree with {@code max_items} replaced (for {@code --max-items}). */
  public static JsonNode withMaxItems(JsonNode raw, int maxItems) {
    ObjectNode copy = raw.deepCopy();
    copy.put("max_items", maxItems);
    return copy;
  }
}
