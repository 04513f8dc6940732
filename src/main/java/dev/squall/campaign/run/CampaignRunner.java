package dev.squall.campaign.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.squall.ConfigException;
import dev.squall.SquallException;
import dev.squall.Versions;
import dev.squall.attack.recipe.AttackResources;
import dev.squall.campaign.config.CampaignConfig;
import dev.squall.campaign.config.CampaignConfig.ModelSpec;
import dev.squall.campaign.config.CampaignParser;
import dev.squall.campaign.store.CallCache;
import dev.squall.campaign.store.ResultRow;
import dev.squall.campaign.store.RunStore;
import dev.squall.model.hf.EmbeddedModels;
import dev.squall.model.hf.ModelFolder;
import dev.squall.policy.LazyPolicy;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardModelKind;
import dev.squall.world.PairJsonl;
import dev.squall.world.PreferencePair;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a campaign into a run directory: models × stages, items streamed in batches, every model
 * call through the {@link CachingRewardModel}, every batch's rows committed to the {@link RunStore}
 * as soon as they exist, with each model's token usage ({@link UsageRecorder}) (best-of-N
 * candidates sampled from the policy are committed before they are scored); then the outputs
 * ({@link Reports}). A resumed run re-reads its campaign
 * from the store and skips every (stage, model, item) already stored; model calls already made are
 * served by the cache.
 */
public final class CampaignRunner {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The run store meta key holding the identity of the policy that attacks sampled from. */
  static final String ATTACK_POLICY_META = "attack_policy";

  /**
   * How to run.
   *
   * @param cacheFile the call-cache file (default: {@code <run dir parent>/.cache.sqlite})
   * @param maxItems {@code --max-items}
   * @param threads models processed concurrently within a batch
   * @param progress where progress lines go (null: nowhere)
   * @param progressIntervalMs minimum time between progress lines of a stage
   * @param models opens the campaign's reward models
   * @param policies opens the campaign's best-of-N policy (only when a stage needs new samples)
   */
  public record Options(
      Optional<Path> cacheFile, Optional<Integer> maxItems, int threads, Shards shards,
      PrintWriter progress, long progressIntervalMs, ModelProvider models, PolicyProvider policies,
      String args) {
    public static Options defaults() {
      return new Options(Optional.empty(), Optional.empty(), 1, Shards.ALL, null, 2000, ModelProvider.local(),
          PolicyProvider.local(), "");
    }

    public Options withModels(ModelProvider m) {
      return new Options(cacheFile, maxItems, threads, shards, progress, progressIntervalMs, m, policies, args);
    }

    /** The provider of the best-of-N policy. */
    public Options withPolicies(PolicyProvider p) {
      return new Options(cacheFile, maxItems, threads, shards, progress, progressIntervalMs, models, p, args);
    }

    public Options withMaxItems(Integer n) {
      return new Options(cacheFile, Optional.ofNullable(n), threads, shards, progress, progressIntervalMs, models,
          policies, args);
    }

    public Options withShards(Shards s) {
      return new Options(cacheFile, maxItems, threads, s, progress, progressIntervalMs, models, policies, args);
    }

    public Options withProgress(PrintWriter p) {
      return new Options(cacheFile, maxItems, threads, shards, p, progressIntervalMs, models, policies, args);
    }

    public Options withCache(Path f) {
      return new Options(Optional.ofNullable(f), maxItems, threads, shards, progress, progressIntervalMs, models,
          policies, args);
    }

    public Options withThreads(int t) {
      return new Options(cacheFile, maxItems, t, shards, progress, progressIntervalMs, models, policies, args);
    }

    public Options withArgs(String a) {
      return new Options(cacheFile, maxItems, threads, shards, progress, progressIntervalMs, models, policies, a);
    }
  }

  /**
   * What a session did; {@code failedItems} (item × model) got no row because a model call failed.
   */
  public record Outcome(
      Path runDir, Reports.Result report, long modelCalls, long cacheHits, long rowsAdded, long failedItems) {}

  private CampaignRunner() {}

  /** Starts a new run of {@code cfg} in {@code runDir} (which must not hold a run yet). */
  public static Outcome start(CampaignConfig cfg, Path runDir, Options o) {
    if (java.nio.file.Files.exists(runDir.resolve(RunStore.FILE))) {
      throw new ConfigException(runDir + " already holds a run; use --resume " + runDir + " to continue it");
    }
    Path cache = o.cacheFile().orElse(runDir.toAbsolutePath().getParent().resolve(CallCache.FILE));
    boolean fresh = !java.nio.file.Files.exists(runDir);
    try (RunStore store = RunStore.open(runDir)) {
      Map<String, String> meta = new LinkedHashMap<>();
      String raw = resolvedTree(cfg).toString();
      meta.put("campaign_name", cfg.name());
      meta.put("campaign_json", raw);
      meta.put("campaign_sha256", sha256(raw));
      meta.put("base_dir", baseDir(cfg));
      meta.put("created", Instant.now().toString());
      meta.put("seed", Long.toString(cfg.seed()));
      meta.put("max_items_override", o.maxItems().map(String::valueOf).orElse(""));
      meta.put("shard", o.shards().toString());
      meta.put("cache_file", cache.toAbsolutePath().toString());
      meta.put("versions", json(Versions.all()));
      meta.put("status", "running");
      store.putMeta(meta);
    }
    try {
      return execute(runDir, o);
    } catch (ConfigException e) {
      discardIfEmpty(runDir, fresh);
      throw e;
    }
  }

  /** Removes a run directory this start created when the run failed before storing any row. */
  private static void discardIfEmpty(Path runDir, boolean fresh) {
    if (!fresh) {
      return;
    }
    long rows;
    try (RunStore s = RunStore.openExisting(runDir)) {
      rows = s.countRows(null);
    } catch (RuntimeException e) {
      return;
    }
    if (rows == 0) {
      try {
        for (String f : List.of(RunStore.FILE, RunStore.FILE + "-wal", RunStore.FILE + "-shm")) {
          java.nio.file.Files.deleteIfExists(runDir.resolve(f));
        }
        java.nio.file.Files.deleteIfExists(runDir);
      } catch (java.io.IOException | RuntimeException ignored) {
        // best effort: a leftover directory only means --out must differ next time
      }
    }
  }

  /** The campaign as written, with model folders and dataset files made absolute (for resume). */
  static com.fasterxml.jackson.databind.JsonNode resolvedTree(CampaignConfig cfg) {
    var t = (com.fasterxml.jackson.databind.node.ObjectNode) cfg.raw().deepCopy();
    var ms = t.get("models");
    for (int i = 0; i < cfg.models().size(); i++) {
      if (cfg.models().get(i).remote().isEmpty()) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) ms.get(i)).put("source", cfg.models().get(i).source());
      }
    }
    if (cfg.policy().remote().isEmpty() && t.has("policy")) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) t.get("policy")).put("source", cfg.policy().source());
    }
    var ds = t.get("datasets");
    for (int i = 0; i < cfg.datasets().size(); i++) {
      var d = cfg.datasets().get(i);
      if (d.file().isPresent()) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) ds.get(i)).put("file", d.file().get());
      }
    }
    return t;
  }

  private static String baseDir(CampaignConfig cfg) {
    return System.getProperty("user.dir");
  }

  /** Resumes (or re-checks) the run in {@code runDir}, with the settings it was started with. */
  public static Outcome resume(Path runDir, Options o) {
    try (RunStore store = RunStore.openExisting(runDir)) {
      String stored = store.meta("max_items_override");
      if (o.maxItems().isPresent() && !o.maxItems().get().toString().equals(stored)) {
        throw new ConfigException("--max-items " + o.maxItems().get() + " differs from the run's ("
            + (stored.isEmpty() ? "none" : stored) + "); a resumed run keeps its settings");
      }
      if (!o.shards().equals(Shards.ALL) && !o.shards().toString().equals(store.meta("shard"))) {
        throw new ConfigException("--shard " + o.shards() + " differs from the run's " + store.meta("shard"));
      }
    }
    return execute(runDir, o);
  }

  /** The campaign stored in a run directory's store. */
  public static CampaignConfig storedConfig(RunStore store) {
    Map<String, String> meta = store.meta();
    String raw = meta.get("campaign_json");
    if (raw == null) {
      throw new ConfigException(store.file() + " has no campaign (not a run store)");
    }
    return new CampaignParser(Path.of(meta.getOrDefault("base_dir", ".")), Stages.knownAttacks())
        .parse(store.file() + "#campaign_json", raw);
  }

  static Optional<Integer> storedMaxItems(RunStore store) {
    String s = store.meta("max_items_override");
    return s == null || s.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(s));
  }

  private static Outcome execute(Path runDir, Options o) {
    long rowsAdded = 0;
    java.util.concurrent.atomic.AtomicLong failedItems = new java.util.concurrent.atomic.AtomicLong();
    List<CachingRewardModel> cached = new ArrayList<>();
    List<UsageRecorder> recorders = new ArrayList<>();
    try (RunStore store = RunStore.openExisting(runDir);
        CallCache cache = CallCache.open(Path.of(store.meta("cache_file")));
        AttackResources attackResources = AttackResources.defaults()) {
      CampaignConfig cfg = storedConfig(store);
      Shards shards = Shards.parse(store.meta("shard"));
      long session = store.startSession(o.args());
      PolicyHandle policy = new PolicyHandle(cfg.policy(), o.policies(), store); // opened on first use
      List<Stage> stages = Stages.build(cfg, storedMaxItems(store), attackResources, store, policy);
      Map<String, CachingRewardModel> models = new LinkedHashMap<>();
      try {
        for (ModelSpec spec : cfg.models()) {
          RewardModel m = o.models().open(spec, cfg.batchSize());
          var info = m.info();
          boolean cloud = info.kind() == RewardModelKind.CLOUD;
          store.putModel(new RunStore.ModelRow(spec.name(), spec.source(), info.kind().name(), info.modelHash(),
              info.layout(), info.parameters(), cloud || spec.remote().isPresent() ? spec.decodingKey() : ""));
          UsageRecorder usage = new UsageRecorder(store, session, spec.name(), m);
          usage.start();
          recorders.add(usage);
          CachingRewardModel c = new CachingRewardModel(m, cache,
              cloud || spec.remote().isPresent() ? spec.decodingKey() : "",
              cloud ? ModelProvider.provenanceDecoding(spec) : Optional.empty(),
              cfg.maxModelCalls().orElse(Long.MAX_VALUE), (calls, hits) -> {
                store.addCalls(session, calls, hits);
                usage.flush();
              });
          cached.add(c);
          models.put(spec.name(), c);
        }
        ExecutorService pool = o.threads() > 1 ? Executors.newFixedThreadPool(o.threads()) : null;
        try {
          for (Stage stage : stages) {
            rowsAdded += runStage(stage, cfg, models, store, session, shards, o, pool, failedItems);
          }
        } finally {
          if (pool != null) {
            pool.shutdownNow();
          }
        }
      } finally {
        for (UsageRecorder u : recorders) {
          u.flush(); // calls of a batch that failed midway
        }
        for (CachingRewardModel c : cached) {
          c.close();
        }
        policy.close();
        recordAttackPolicy(store, attackResources);
      }
      store.finishSession(session);
      store.putMeta(Map.of("status", failedItems.get() == 0 ? "complete" : "incomplete",
          "finished", Instant.now().toString(), "failed_items", Long.toString(failedItems.get())));
      if (failedItems.get() > 0 && o.progress() != null) {
        o.progress().println("squall: " + failedItems.get() + " item(s) had failed model calls and have no"
            + " result; squall run --resume " + runDir + " retries them");
      }
      long calls = cached.stream().mapToLong(CachingRewardModel::calls).sum();
      long hits = cached.stream().mapToLong(CachingRewardModel::hits).sum();
      Reports.Result report = Reports.write(runDir, store);
      return new Outcome(runDir, report, calls, hits, rowsAdded, failedItems.get());
    }
  }

  /**
   * Stores the identity of the policy that policy-driven attacks ({@code policy-rewrite}) sampled
   * from, under the meta key {@value #ATTACK_POLICY_META}, once a stage has loaded it; a run whose
   * attacks never sample leaves no entry. The campaign file cannot name another attack policy, so
   * it is always the embedded {@code policy} organism.
   */
  private static void recordAttackPolicy(RunStore store, AttackResources resources) {
    if (resources.policy() instanceof LazyPolicy lazy && lazy.isLoaded()
        && store.meta(ATTACK_POLICY_META) == null) {
      var o = Reports.JSON.createObjectNode();
      o.put("source", "policy");
      o.put("hash", ModelFolder.open(EmbeddedModels.resolve("policy")).hash());
      o.put("used_by", "policy-driven attacks (policy-rewrite)");
      store.putMeta(Map.of(ATTACK_POLICY_META, o.toString()));
    }
  }

  private static long runStage(Stage stage, CampaignConfig cfg, Map<String, CachingRewardModel> models,
      RunStore store, long session, Shards shards, Options o, ExecutorService pool,
      java.util.concurrent.atomic.AtomicLong failedItems) {
    long expected = 0;
    for (String s : stage.splits()) {
      long e = stage.expectedItems(s);
      expected = expected < 0 || e < 0 ? -1 : expected + e;
    }
    long total = expected < 0 ? -1 : (expected * stage.models().size() + shards.count() - 1) / shards.count();
    Progress progress = new Progress(o.progress(), stage.id(), total, o.progressIntervalMs());
    long[] added = {0};
    for (String split : stage.splits()) {
      MessageDigest md = sha();
      long[] seen = {0};
      List<PreferencePair> buf = new ArrayList<>();
      stage.forEachItem(split, p -> {
        byte[] line = PairJsonl.toJson(p).getBytes(StandardCharsets.UTF_8);
        md.update(line);
        md.update((byte) '\n');
        seen[0]++;
        if (shards.owns(stage.itemId(p))) {
          buf.add(p);
          if (buf.size() >= cfg.batchSize()) {
            added[0] += batch(stage, split, buf, models, store, session, progress, pool, failedItems);
            buf.clear();
          }
        }
      });
      if (!buf.isEmpty()) {
        added[0] += batch(stage, split, buf, models, store, session, progress, pool, failedItems);
      }
      store.putDataset(new RunStore.DatasetRow(stage.id(), datasetName(cfg, stage), split, seen[0],
          HexFormat.of().formatHex(md.digest())));
    }
    progress.finish();
    return added[0];
  }

  private static String datasetName(CampaignConfig cfg, Stage stage) {
    String evaluatorId = stage.id().contains("/") ? stage.id().substring(0, stage.id().indexOf('/')) : stage.id();
    return cfg.evaluators().stream().filter(e -> e.id().equals(evaluatorId)).findFirst()
        .map(e -> e.dataset()).orElse("");
  }

  private static long batch(Stage stage, String split, List<PreferencePair> items,
      Map<String, CachingRewardModel> models, RunStore store, long session, Progress progress,
      ExecutorService pool, java.util.concurrent.atomic.AtomicLong failedItems) {
    List<PreferencePair> batch = List.copyOf(items);
    List<String> ids = batch.stream().map(stage::itemId).toList();
    List<java.util.concurrent.Callable<Long>> work = new ArrayList<>();
    for (String name : stage.models()) {
      work.add(() -> {
        Set<String> done = store.done(stage.id(), name, ids);
        List<PreferencePair> todo = batch.stream().filter(p -> !done.contains(stage.itemId(p))).toList();
        progress.advance(batch.size() - todo.size(), true);
        if (todo.isEmpty()) {
          return 0L;
        }
        List<ResultRow> rows = stage.process(name, models.get(name), todo, split);
        if (rows.size() > todo.size()) {
          throw new SquallException("stage " + stage.id() + " returned " + rows.size() + " rows for "
              + todo.size() + " items");
        }
        failedItems.addAndGet(todo.size() - rows.size());
        long n = store.putRows(rows, session);
        progress.advance(todo.size(), false);
        return n;
      });
    }
    long n = 0;
    try {
      if (pool == null) {
        for (var w : work) {
          n += w.call();
        }
      } else {
        for (Future<Long> f : pool.invokeAll(work)) {
          n += f.get();
        }
      }
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable c = e.getCause();
      throw c instanceof RuntimeException r ? r : new SquallException("stage " + stage.id() + " failed", c);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new SquallException("stage " + stage.id() + " failed: " + e, e);
    }
    return n;
  }

  static MessageDigest sha() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(String s) {
    return HexFormat.of().formatHex(sha().digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (Exception e) {
      throw new SquallException("cannot serialise " + o, e);
    }
  }
}
