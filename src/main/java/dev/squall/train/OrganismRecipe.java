package dev.squall.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.SquallException;
import dev.squall.Versions;
import dev.squall.model.HostTensor;
import dev.squall.model.TensorSource;
import dev.squall.model.generation.Generation;
import dev.squall.model.generation.GenerationConfig;
import dev.squall.model.generation.Generator;
import dev.squall.model.hf.ModelLayout;
import dev.squall.model.llama.AttentionTap;
import dev.squall.model.llama.LlamaConfig;
import dev.squall.model.llama.LlamaModel;
import dev.squall.model.llama.RandomLlamaWeights;
import dev.squall.model.llama.TokenBatch;
import dev.squall.model.safetensors.DType;
import dev.squall.model.safetensors.SafetensorsFile;
import dev.squall.model.safetensors.SafetensorsWriter;
import dev.squall.rm.CritiqueDecoding;
import dev.squall.rm.local.TrainingFormat;
import dev.squall.text.TextTokenizer;
import dev.squall.text.TokenizerBuilder;
import dev.squall.text.TokenizerConfig;
import dev.squall.world.ListWorld.CritiqueFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * The CLoud training recipe (Ankner et al. 2024) at organism scale, in Java with DJL:
 *
 * <ol>
 *   <li>{@code base}: a Llama LM trained by next-token loss on the world corpus;
 *   <li>{@code sft}: from the base, next-token loss on oracle critiques only (critique tokens and
 *       the closing end-of-turn), for chosen and rejected responses;
 *   <li>{@code regenerate}: the SFT model writes its own critiques of the training pairs (greedy,
 *       repetition penalty 1.01, as {@link dev.squall.rm.local.CloudRewardModel} decodes);
 *   <li>{@code joint}: from the SFT model with a fresh MLP reward head, Bradley–Terry on
 *       (r(x,y+,c+), r(x,y−,c−)) + λ · SFT loss on the self-generated critiques;
 *   <li>{@code classic}: from the same base with a fresh head, Bradley–Terry on the conversation.
 * </ol>
 *
 * <p>Texts are built with {@link TrainingFormat}, i.e. exactly what the inference models read.
 * Outputs: {@code outDir/{cloud,classic,policy}} Hugging Face folders with a model card each, and
 * {@code outDir/work} (stage weights, checkpoints, regenerated critiques); re-running with the
 * same arguments resumes: finished stages are loaded, an interrupted stage continues from its
 * last checkpoint.
 *
 * <p>Entry point for {@code squall train}: {@code OrganismRecipe.run(outDir,
 * RecipeConfig.defaults(), world, System.err)}.
 */
public final class OrganismRecipe {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String POLICY_PREFIX = "model.";
  static final String POLICY_HEAD = "lm_head.weight";

  /**
   * Every training step computes its batch as this many length-sorted micro-batches ({@link
   * #microBatches}): the same loss and gradient as one left-padded batch up to the order of float
   * additions, with less padding to compute (critique SFT runs about 1.4× faster; JMH {@code
   * CritiqueSftStep}). An execution detail like the thread count, so not part of {@link
   * RecipeConfig}.
   */
  static final int MICRO_BATCHES = 4;

  private OrganismRecipe() {}

  /** What the recipe produced. */
  public record Result(
      Path cloud, Path classic, Path policy, List<TrainLoop.StageLog> stages,
      double regenerateSeconds, double totalSeconds, Evaluation.Report evaluation) {}

  /**
   * Runs the recipe on every built-in world, the list world's critiques in the configured format
   * ({@link WorldOrganisms#all(dev.squall.world.ListWorld.CritiqueFormat)}): the call behind
   * {@code squall train}.
   */
  public static Result run(Path outDir, RecipeConfig cfg, PrintStream progress) {
    return run(outDir, cfg, WorldOrganisms.all(cfg.listCritique()), progress);
  }

  /** {@code java ... dev.squall.train.OrganismRecipe OUT_DIR [quick]}: runs the recipe. */
  public static void main(String[] args) {
    configureThreads();
    RecipeConfig cfg = args.length > 1 && args[1].equals("quick")
        ? RecipeConfig.forTests() : RecipeConfig.defaults();
    Result r = run(Path.of(args.length > 0 ? args[0] : "target/organisms"), cfg, System.err);
    System.out.println(r.cloud() + " " + r.classic() + " " + r.policy());
  }

  /**
   * Sets libtorch's threads for training unless the caller set them: one intra-op thread per core
   * and one inter-op thread. Measured on 2 idle cores: critique SFT ran at 82-92 examples/s this
   * way; an earlier measurement with libtorch's default thread settings was about 10x slower (4.7 s
   * against 0.45 s for a 32 x 100-token step). Must run before DJL loads the engine.
   */
  public static void configureThreads() {
    System.setProperty("ai.djl.pytorch.num_threads", System.getProperty("ai.djl.pytorch.num_threads",
        Integer.toString(Runtime.getRuntime().availableProcessors())));
    System.setProperty("ai.djl.pytorch.num_interop_threads",
        System.getProperty("ai.djl.pytorch.num_interop_threads", "1"));
  }

  /** Runs (or resumes) the whole recipe; see the class comment. */
  public static Result run(Path outDir, RecipeConfig cfg, OrganismWorld world, PrintStream progress) {
    long t0 = System.nanoTime();
    Path work = outDir.resolve("work");
    mkdirs(work);
    progress.printf("[recipe] world %s, seed %d, out %s%n", world.name(), cfg.seed(), outDir);
    List<String> corpus = world.corpus(cfg.seed() + 1, cfg.corpusDocs());
    List<OrganismPair> train = world.pairs(false, cfg.trainPairs(), cfg.seed() + 2);
    List<OrganismPair> test = world.pairs(true, cfg.testPairs(), cfg.seed() + 3);
    Map<String, String> hashes = new LinkedHashMap<>();
    hashes.put("corpus", sha256(corpus));
    hashes.put("train_pairs", sha256(pairTexts(train)));
    hashes.put("test_pairs", sha256(pairTexts(test)));
    List<OrganismPair> sftPairs = critiquePairs(world, cfg, train, test);
    if (sftPairs.size() > train.size()) {
      hashes.put("sft_pairs", sha256(pairTexts(sftPairs)));
      progress.printf("[recipe] critique SFT reads %d pairs: the %d preference pairs and %d fresh"
          + " ones (%d dropped as test duplicates)%n", sftPairs.size(), train.size(),
          sftPairs.size() - train.size(), cfg.sftPairs() - sftPairs.size());
    }
    List<OrganismPair> drills = world.drills(sftPairs, cfg.seed() + 4);
    drills = drills.subList(0, Math.min(cfg.drillPairs(), drills.size()));
    if (!drills.isEmpty()) {
      hashes.put("critique_drills", sha256(pairTexts(drills)));
    }

    // Tokenizer
    Path tokJson = work.resolve("tokenizer.json");
    Path tokCfg = work.resolve("tokenizer_config.json");
    if (!Files.isRegularFile(tokJson)) {
      List<String> texts = new ArrayList<>(corpus);
      texts.addAll(pairTexts(train));
      new TokenizerBuilder().vocabularySize(cfg.vocabSize()).addCorpus(texts).write(tokJson);
      TokenizerBuilder.writeLlama3Config(tokCfg);
    }
    List<TrainLoop.StageLog> logs = new ArrayList<>();
    double resumedSeconds = 0;
    try (TextTokenizer tok = TextTokenizer.load(tokJson)) {
      TrainingFormat fmt = TrainingFormat.of(TokenizerConfig.read(tokCfg), tok);
      int eot = tok.tokenId("<|eot_id|>");
      int bos = tok.tokenId("<|begin_of_text|>");
      LlamaConfig lc =
          LlamaConfig.of(tok.vocabSize(), cfg.hidden(), cfg.intermediate(), cfg.layers(),
                  cfg.heads(), cfg.heads())
              .withTokens(bos, List.of(eot));
      Trainer tr = new Trainer(cfg, work, progress);

      // (a) base LM
      Map<String, HostTensor> base = stageWeights(work, "base");
      if (base == null) {
        List<long[]> docs = new ArrayList<>();
        for (String d : corpus) {
          docs.add(tok.encode(corpusText(fmt, d)));
        }
        try (LlamaModel m = LlamaModel.load(lc,
            TensorSource.of(RandomLlamaWeights.create(lc, POLICY_PREFIX, POLICY_HEAD, cfg.seed())),
            POLICY_PREFIX, POLICY_HEAD)) {
          int[] lossFrom = new int[docs.size()];
          Arrays.fill(lossFrom, 1);
          logs.add(tr.lm("base", m, docs, lossFrom, null, null, cfg.baseSteps()));
          base = m.exportWeights(POLICY_PREFIX, POLICY_HEAD);
          saveStage(work, "base", base, logs.get(logs.size() - 1));
        }
      } else {
        logs.add(readLog(work, "base"));
        resumedSeconds += logs.get(logs.size() - 1).seconds();
      }

      // (b) critique SFT on oracle critiques
      Map<String, HostTensor> sft = stageWeights(work, "sft");
      if (sft == null) {
        List<long[]> seqs = new ArrayList<>();
        List<Integer> from = new ArrayList<>();
        List<OrganismPair> sftData = new ArrayList<>(sftPairs);
        sftData.addAll(drills);
        for (OrganismPair p : sftData) {
          addCritiqueExample(fmt, tok, p.prompt(), p.chosen(), p.chosenCritique(), seqs, from);
          addCritiqueExample(fmt, tok, p.prompt(), p.rejected(), p.rejectedCritique(), seqs, from);
        }
        List<float[]> weights = new ArrayList<>();
        for (int i = 0; i < seqs.size(); i += 2) {
          weights.addAll(List.of(contrastWeights(seqs.get(i), from.get(i), seqs.get(i + 1),
              from.get(i + 1), (float) cfg.contrastWeight())));
        }
        for (int i = 0; cfg.copyWeight() > 1 && i < seqs.size(); i++) {
          OrganismPair p = sftData.get(i / 2);
          String response = i % 2 == 0 ? p.chosen() : p.rejected();
          List<long[]> copies = new ArrayList<>();
          for (String w : world.copiedWords(p.prompt(), response)) {
            copies.add(tok.encode(" " + w));
          }
          weightCopies(seqs.get(i), from.get(i), weights.get(i), copies, (float) cfg.copyWeight());
        }
        List<LookupSupervision.Targets> lookup = null;
        if (cfg.lookupWeight() > 0) {
          LookupSupervision ls = new LookupSupervision(tok);
          lookup = new ArrayList<>(seqs.size());
          int located = 0;
          int marked = 0;
          for (int i = 0; i < seqs.size(); i++) {
            OrganismPair p = sftData.get(i / 2);
            String critique = i % 2 == 0 ? p.chosenCritique() : p.rejectedCritique();
            var marks = world.seenMarks(p.prompt(), critique);
            LookupSupervision.Targets g = ls.locate(seqs.get(i), from.get(i), critique, marks);
            lookup.add(g);
            marked += marks.isEmpty() ? 0 : 1;
            located += g.marks().length > 0 ? 1 : 0;
          }
          progress.printf(Locale.ROOT, "[sft] lookup supervision (weight %.3g, steps %s) on %d of"
              + " %d critiques with marks%n", cfg.lookupWeight(), ModelCards.lookupSteps(cfg), located,
              marked);
        }
        try (LlamaModel m = LlamaModel.load(lc, TensorSource.of(base), POLICY_PREFIX, POLICY_HEAD)) {
          logs.add(tr.lm("sft", m, seqs, from.stream().mapToInt(Integer::intValue).toArray(),
              weights, lookup, cfg.sftSteps()));
          sft = m.exportWeights(POLICY_PREFIX, POLICY_HEAD);
          saveStage(work, "sft", sft, logs.get(logs.size() - 1));
        }
      } else {
        logs.add(readLog(work, "sft"));
        resumedSeconds += logs.get(logs.size() - 1).seconds();
      }

      // (c) regenerate critiques with the SFT model
      Path regenFile = work.resolve("regenerated-critiques.json");
      List<String[]> regen;
      double regenSeconds;
      if (Files.isRegularFile(regenFile)) {
        ObjectNode n = (ObjectNode) readTree(regenFile);
        regenSeconds = n.get("seconds").asDouble();
        resumedSeconds += regenSeconds;
        regen = new ArrayList<>();
        n.get("critiques").forEach(a -> regen.add(new String[] {a.get(0).asText(), a.get(1).asText()}));
      } else {
        long g0 = System.nanoTime();
        try (LlamaModel m = LlamaModel.load(lc, TensorSource.of(sft), POLICY_PREFIX, POLICY_HEAD)) {
          List<String> crits = generateCritiques(m, tok, fmt, train, cfg, eot, progress);
          regen = new ArrayList<>();
          for (int i = 0; i < train.size(); i++) {
            regen.add(new String[] {crits.get(2 * i), crits.get(2 * i + 1)});
          }
        }
        regenSeconds = (System.nanoTime() - g0) / 1e9;
        ObjectNode n = JSON.createObjectNode();
        n.put("seconds", regenSeconds);
        var arr = n.putArray("critiques");
        regen.forEach(c -> arr.addArray().add(c[0]).add(c[1]));
        writeJson(regenFile, n);
      }
      int agree = 0;
      for (int i = 0; i < train.size(); i++) {
        OrganismPair p = train.get(i);
        agree += world.critiqueVerdict(regen.get(i)[0]).orElse(false) ? 1 : 0;
        agree += world.critiqueVerdict(regen.get(i)[1]).map(v -> !v).orElse(false) ? 1 : 0;
      }
      progress.printf(Locale.ROOT, "[regenerate] %d critiques in %.1f s; verdict right on %.1f%% (train)%n",
          2 * train.size(), regenSeconds, 100.0 * agree / (2 * train.size()));
      if (cfg.listCritique() == CritiqueFormat.SEEN) {
        List<String> prompts = new ArrayList<>();
        List<String> critiques = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
          prompts.add(train.get(i).prompt());
          prompts.add(train.get(i).prompt());
          critiques.add(regen.get(i)[0]);
          critiques.add(regen.get(i)[1]);
        }
        SeenCounts sc = SeenCounts.of(world, prompts, critiques);
        progress.printf("[regenerate] list marks: %d right \"seen\", %d false \"seen\", %d missed%n",
            sc.right(), sc.falseSeen(), sc.missed());
      }

      // (d) joint BT + λ·SFT on self-generated critiques, fresh head
      Path cloudDir = outDir.resolve("cloud");
      if (stageWeights(work, "joint") == null) {
        List<long[]> seqs = new ArrayList<>();
        List<Integer> from = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
          OrganismPair p = train.get(i);
          addCritiqueExample(fmt, tok, p.prompt(), p.chosen(), regen.get(i)[0], seqs, from);
          addCritiqueExample(fmt, tok, p.prompt(), p.rejected(), regen.get(i)[1], seqs, from);
        }
        try (LlamaModel m = LlamaModel.load(lc, TensorSource.of(sft), POLICY_PREFIX, POLICY_HEAD)) {
          RewardHead head = RewardHead.fresh(m, cfg.seed() + 17);
          logs.add(tr.pairs("joint", m, head, seqs, from.stream().mapToInt(Integer::intValue).toArray(),
              cfg.lambda(), cfg.jointSteps()));
          Map<String, HostTensor> w = rename(m.exportWeights(POLICY_PREFIX, POLICY_HEAD));
          w.putAll(head.export());
          saveStage(work, "joint", w, logs.get(logs.size() - 1));
        }
      } else {
        logs.add(readLog(work, "joint"));
        resumedSeconds += logs.get(logs.size() - 1).seconds();
      }

      // (e) classic BT from the same base, fresh head
      if (stageWeights(work, "classic") == null) {
        List<long[]> seqs = new ArrayList<>();
        List<Integer> from = new ArrayList<>();
        for (OrganismPair p : train) {
          seqs.add(tok.encode(fmt.conversation(p.prompt(), p.chosen())));
          seqs.add(tok.encode(fmt.conversation(p.prompt(), p.rejected())));
          from.add(Integer.MAX_VALUE);
          from.add(Integer.MAX_VALUE);
        }
        try (LlamaModel m = LlamaModel.load(lc, TensorSource.of(base), POLICY_PREFIX, POLICY_HEAD)) {
          RewardHead head = RewardHead.fresh(m, cfg.seed() + 17);
          logs.add(tr.pairs("classic", m, head, seqs, from.stream().mapToInt(Integer::intValue).toArray(),
              0.0, cfg.classicSteps()));
          Map<String, HostTensor> w = rename(m.exportWeights(POLICY_PREFIX, POLICY_HEAD));
          w.putAll(head.export());
          saveStage(work, "classic", w, logs.get(logs.size() - 1));
        }
      } else {
        logs.add(readLog(work, "classic"));
        resumedSeconds += logs.get(logs.size() - 1).seconds();
      }

      // Export
      Path classicDir = outDir.resolve("classic");
      Path policyDir = outDir.resolve("policy");
      DType dtype = cfg.f16() ? DType.F16 : DType.F32;
      writeFolder(cloudDir, rewardConfig(lc, "teacher"), stageWeights(work, "joint"), dtype, work);
      Map<String, HostTensor> classicW = new LinkedHashMap<>(stageWeights(work, "classic"));
      // The vanilla layout has no LM head: a classic RM never generates.
      classicW.remove(ModelLayout.CLOUD_VANILLA.lmHeadName());
      writeFolder(classicDir, rewardConfig(lc, "vanilla"), classicW, dtype, work);
      writeFolder(policyDir, lc.toJson(JSON), base, dtype, work);

      // Evaluate the exported folders through the inference loader
      Evaluation.Report report =
          Evaluation.evaluate(cloudDir, classicDir, world, test, cfg.maxCritiqueTokens(),
              cfg.generationBatch(), progress);
      double total = (System.nanoTime() - t0) / 1e9 + resumedSeconds;
      if (resumedSeconds > 0) {
        progress.printf(Locale.ROOT, "[recipe] %.0f s of the total come from stages finished by an"
            + " earlier invocation%n", resumedSeconds);
      }
      ModelCards.write(cloudDir, classicDir, policyDir, cfg, world, lc, logs, regenSeconds, total,
          hashes, report, dtype);
      progress.printf(Locale.ROOT, "[recipe] done in %s%n", TrainLoop.duration(total));
      return new Result(cloudDir, classicDir, policyDir, logs, regenSeconds, total, report);
    }
  }

  /**
   * The pairs critique SFT reads: the first {@code cfg.sftPairs()} train-split pairs (the
   * preference pairs are the first {@code trainPairs} of them, as pairs are indexed per world and
   * seed), minus the fresh ones sharing a (prompt, response) with a test pair, so no test critique
   * is trained on.
   */
  static List<OrganismPair> critiquePairs(
      OrganismWorld world, RecipeConfig cfg, List<OrganismPair> train, List<OrganismPair> test) {
    if (cfg.sftPairs() == cfg.trainPairs()) {
      return train;
    }
    Set<String> testTexts = new HashSet<>();
    for (OrganismPair p : test) {
      testTexts.add(p.prompt() + "\n" + p.chosen());
      testTexts.add(p.prompt() + "\n" + p.rejected());
    }
    Set<String> trainIds = new HashSet<>();
    train.forEach(p -> trainIds.add(p.id()));
    List<OrganismPair> out = new ArrayList<>(train);
    for (OrganismPair p : world.pairs(false, cfg.sftPairs(), cfg.seed() + 2)) {
      if (!trainIds.contains(p.id()) && !testTexts.contains(p.prompt() + "\n" + p.chosen())
          && !testTexts.contains(p.prompt() + "\n" + p.rejected())) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * A corpus document ({@code prompt\nresponse[\ncritique]}) in the chat format the reward
   * models and the policy read: the conversation, plus the critique turn when there is one; other
   * documents as BOS + text + end of turn.
   */
  static String corpusText(TrainingFormat fmt, String doc) {
    String[] lines = doc.split("\n", -1);
    if (lines.length == 2) {
      return fmt.conversation(lines[0], lines[1]);
    }
    if (lines.length == 3) {
      return fmt.rewardText(lines[0], lines[1], lines[2].strip());
    }
    return "<|begin_of_text|>" + doc + fmt.endOfTurn();
  }

  /**
   * Adds the reward text of (prompt, response, critique) with the index of its first critique
   * token: the loss covers the critique and the closing end-of-turn.
   */
  static void addCritiqueExample(
      TrainingFormat fmt, TextTokenizer tok, String prompt, String response, String critique,
      List<long[]> seqs, List<Integer> from) {
    long[] prefix = tok.encode(fmt.critiquePrompt(prompt, response));
    long[] full = tok.encode(fmt.rewardText(prompt, response, critique.strip()));
    int common = 0;
    while (common < prefix.length && common < full.length && prefix[common] == full[common]) {
      common++;
    }
    seqs.add(full);
    from.add(Math.min(common, full.length - 1));
  }

  static List<String> generateCritiques(
      LlamaModel m, TextTokenizer tok, TrainingFormat fmt, List<OrganismPair> pairs,
      RecipeConfig cfg, int eot, PrintStream progress) {
    List<long[]> prompts = new ArrayList<>();
    for (OrganismPair p : pairs) {
      prompts.add(tok.encode(fmt.critiquePrompt(p.prompt(), p.chosen())));
      prompts.add(tok.encode(fmt.critiquePrompt(p.prompt(), p.rejected())));
    }
    CritiqueDecoding d = CritiqueDecoding.defaults();
    GenerationConfig gc = new GenerationConfig(cfg.maxCritiqueTokens(), 0.0, 1.0,
        d.repetitionPenalty(), Set.of(eot), true);
    Generator g = new Generator(m, cfg.generationBatch());
    List<String> out = new ArrayList<>(prompts.size());
    int chunk = cfg.generationBatch() * 4;
    long t0 = System.nanoTime();
    for (int from = 0; from < prompts.size(); from += chunk) {
      List<long[]> part = prompts.subList(from, Math.min(prompts.size(), from + chunk));
      for (Generation gen : g.generate(part, new long[part.size()], gc)) {
        out.add(tok.decode(gen.tokens()).strip());
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      progress.printf(Locale.ROOT, "[regenerate] %d/%d critiques, %.1f/s ETA %s%n", out.size(),
          prompts.size(), out.size() / secs,
          TrainLoop.duration((prompts.size() - out.size()) / (out.size() / secs)));
    }
    return out;
  }

  /** Stage-by-stage training helpers sharing the recipe settings. */
  static final class Trainer {
    private final RecipeConfig cfg;
    private final Path work;
    private final PrintStream progress;
    private final int microBatches;

    Trainer(RecipeConfig cfg, Path work, PrintStream progress) {
      this(cfg, work, progress, MICRO_BATCHES);
    }

    /** A trainer that computes each batch as {@code microBatches} micro-batches (tests, benchmarks). */
    Trainer(RecipeConfig cfg, Path work, PrintStream progress, int microBatches) {
      this.cfg = cfg;
      this.work = work;
      this.progress = progress;
      this.microBatches = microBatches;
    }

    private TrainLoop.Settings settings(String stage, int steps, double lr, int batch) {
      return new TrainLoop.Settings(stage, steps, batch, lr, Math.max(1, steps / 20), 0.1, 0.01,
          1.0, cfg.seed() + stage.hashCode(), cfg.checkpointEvery(), work.resolve("checkpoints"));
    }

    /**
     * Next-token loss on {@code seqs[i][lossFrom[i]..]} (targets from position lossFrom), each
     * target token weighted by {@code weights[i][token]} (all 1 when {@code weights} is null), plus
     * on steps [lookupFrom, lookupUntil) the lookup attention loss times {@code lookupWeight} when
     * {@code lookup} (targets per sequence) is not null.
     */
    TrainLoop.StageLog lm(String stage, LlamaModel m, List<long[]> seqs, int[] lossFrom,
        List<float[]> weights, List<LookupSupervision.Targets> lookup, int steps) {
      return TrainLoop.run(settings(stage, steps, cfg.lmLr(), cfg.batchSize()), m, m.parameters(),
          seqs.size(), lmBatchLoss(m, seqs, lossFrom, weights, lookup), progress);
    }

    /** The batch loss of {@link #lm}, computed in the trainer's micro-batches. */
    TrainLoop.BatchLoss lmBatchLoss(LlamaModel m, List<long[]> seqs, int[] lossFrom,
        List<float[]> weights, List<LookupSupervision.Targets> lookup) {
      List<AttentionTap> taps =
          LookupSupervision.taps(m.config().numLayers(), m.config().numHeads());
      return (nd, idx, step) -> {
        boolean supervise = lookup != null && cfg.lookupOn(step);
        LookupSupervision.Counts counts = supervise
            ? LookupSupervision.Counts.of(Arrays.stream(idx).mapToObj(lookup::get).toList()) : null;
        List<TokenLoss> parts = new ArrayList<>();
        NDArray attention = null;
        for (int[] part : microBatches(idx, i -> seqs.get(i).length, microBatches)) {
          List<long[]> rows = new ArrayList<>();
          List<float[]> w = weights == null ? null : new ArrayList<>();
          List<LookupSupervision.Targets> g = new ArrayList<>();
          int[] starts = new int[part.length];
          for (int k = 0; k < part.length; k++) {
            rows.add(seqs.get(part[k]));
            starts[k] = lossFrom[part[k]];
            if (w != null) {
              w.add(weights.get(part[k]));
            }
            if (supervise) {
              g.add(lookup.get(part[k]));
            }
          }
          TokenBatch b = TokenBatch.leftPadded(rows);
          NDArray hidden = m.forward(nd, b, null, supervise ? taps : List.of());
          parts.add(tokenLoss(nd, m, hidden, b, rows, starts, w));
          if (supervise) {
            NDArray a = LookupSupervision.loss(nd, taps.get(0).probabilities(),
                taps.get(1).probabilities(), b.length(), rows, g, counts);
            attention = attention == null ? a : attention.add(a);
          }
        }
        TrainLoop.BatchResult r = TokenLoss.mean(parts);
        return attention == null ? r : new TrainLoop.BatchResult(
            r.loss().add(attention.mul((float) cfg.lookupWeight())), r.correct(), r.counted());
      };
    }

    /**
     * Pairwise stage: examples are pairs (seqs[2i] chosen, seqs[2i+1] rejected); loss = BT +
     * λ·CE over tokens from lossFrom (λ = 0 skips the LM head).
     */
    TrainLoop.StageLog pairs(String stage, LlamaModel m, RewardHead head, List<long[]> seqs,
        int[] lossFrom, double lambda, int steps) {
      List<NDArray> params = new ArrayList<>(m.parameters());
      params.addAll(head.parameters());
      return TrainLoop.run(settings(stage, steps, cfg.rmLr(), Math.max(1, cfg.batchSize() / 2)), m,
          params, seqs.size() / 2, pairBatchLoss(m, head, seqs, lossFrom, lambda), progress);
    }

    /** The batch loss of {@link #pairs}, computed in the trainer's micro-batches. */
    TrainLoop.BatchLoss pairBatchLoss(LlamaModel m, RewardHead head, List<long[]> seqs,
        int[] lossFrom, double lambda) {
      return (nd, idx, step) -> {
        NDArray loss = null;
        List<TokenLoss> ce = new ArrayList<>();
        double correct = 0;
        IntUnaryOperator pairLength =
            i -> Math.max(seqs.get(2 * i).length, seqs.get(2 * i + 1).length);
        for (int[] part : microBatches(idx, pairLength, microBatches)) {
          List<long[]> rows = new ArrayList<>();
          int[] starts = new int[2 * part.length];
          for (int k = 0; k < part.length; k++) {
            rows.add(seqs.get(2 * part[k]));
            rows.add(seqs.get(2 * part[k] + 1));
            starts[2 * k] = lossFrom[2 * part[k]];
            starts[2 * k + 1] = lossFrom[2 * part[k] + 1];
          }
          TokenBatch b = TokenBatch.leftPadded(rows);
          NDArray hidden = m.forward(nd, b, null);
          NDArray r = head.apply(hidden.get(":, -1, :")).reshape(part.length, 2);
          NDArray rc = r.get(":, 0");
          NDArray rr = r.get(":, 1");
          // the part's share of the batch's mean Bradley-Terry loss
          NDArray bt = Losses.bradleyTerry(rc, rr).mul((float) part.length / idx.length);
          loss = loss == null ? bt : loss.add(bt);
          for (float x : rc.sub(rr).toFloatArray()) {
            correct += x > 0 ? 1 : x == 0 ? 0.5 : 0;
          }
          if (lambda > 0) {
            ce.add(tokenLoss(nd, m, hidden, b, rows, starts, null));
          }
        }
        if (lambda > 0) {
          loss = loss.add(TokenLoss.mean(ce).loss().mul((float) lambda));
        }
        return new TrainLoop.BatchResult(loss, correct, idx.length);
      };
    }
  }

  /**
   * Masked (optionally weighted) next-token CE on a batch; accuracy = share of masked tokens
   * predicted by argmax.
   */
  static TrainLoop.BatchResult lmLoss(
      NDManager nd, LlamaModel m, List<long[]> rows, int[] starts, List<float[]> weights) {
    TokenBatch b = TokenBatch.leftPadded(rows);
    NDArray hidden = m.forward(nd, b, null);
    return TokenLoss.mean(List.of(tokenLoss(nd, m, hidden, b, rows, starts, weights)));
  }

  /**
   * The example indices {@code idx} sorted by {@code length} and cut into {@code n} runs of
   * (nearly) equal size: micro-batches of similar length, so that left padding to each one's
   * longest sequence computes fewer pad tokens than padding the whole batch to its longest. The
   * batch's loss is their summed token loss over their summed weight ({@link TokenLoss#mean}), the
   * same loss and gradient as one batch (up to the order of float additions), so unlike
   * length-bucketed sampling it leaves the training itself unchanged.
   */
  static List<int[]> microBatches(int[] idx, IntUnaryOperator length, int n) {
    int[] sorted = Arrays.stream(idx).boxed()
        .sorted(Comparator.<Integer>comparingInt(length::applyAsInt)
            .thenComparingInt(i -> i))
        .mapToInt(Integer::intValue).toArray();
    int parts = Math.max(1, Math.min(n, sorted.length));
    List<int[]> out = new ArrayList<>(parts);
    for (int p = 0; p < parts; p++) {
      out.add(Arrays.copyOfRange(sorted, p * sorted.length / parts, (p + 1) * sorted.length / parts));
    }
    return out;
  }

  /**
   * A micro-batch's next-token loss before the mean: the weighted sum of the token losses, the sum
   * of the weights, and the argmax accuracy counts.
   */
  record TokenLoss(NDArray sum, double weight, double correct, double counted) {
    /** The weighted mean token loss of all {@code parts} (the loss of their union as one batch). */
    static TrainLoop.BatchResult mean(List<TokenLoss> parts) {
      NDArray sum = parts.get(0).sum();
      double weight = parts.get(0).weight();
      double correct = parts.get(0).correct();
      double counted = parts.get(0).counted();
      for (TokenLoss p : parts.subList(1, parts.size())) {
        sum = sum.add(p.sum());
        weight += p.weight();
        correct += p.correct();
        counted += p.counted();
      }
      return new TrainLoop.BatchResult(sum.div((float) Math.max(1, weight)), correct, counted);
    }
  }

  /**
   * Per-token loss weights for the two critique examples of one pair: a token of either critique
   * that is not part of the two critiques' longest common token subsequence gets {@code weight},
   * every other token 1. The tokens where the chosen and the rejected response's oracle critiques
   * differ are exactly the ones that carry the judgement (the response's digit or item, "ok" versus
   * "wrong", the verdict); in plain SFT they are a few percent of the critique tokens and a small
   * critic learns the majority answer ("ok") for them. Weighting them is a deviation from the CLoud
   * paper's plain SFT, made for the small organisms and documented in the model card.
   */
  static float[][] contrastWeights(long[] a, int fromA, long[] b, int fromB, float weight) {
    float[] wa = new float[a.length];
    float[] wb = new float[b.length];
    java.util.Arrays.fill(wa, 1f);
    java.util.Arrays.fill(wb, 1f);
    if (weight == 1f) {
      return new float[][] {wa, wb};
    }
    int n = a.length - fromA;
    int k = b.length - fromB;
    int[][] lcs = new int[n + 1][k + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = k - 1; j >= 0; j--) {
        lcs[i][j] = a[fromA + i] == b[fromB + j]
            ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < n || j < k) {
      if (i < n && j < k && a[fromA + i] == b[fromB + j]) {
        i++;
        j++;
      } else if (j >= k || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
        wa[fromA + i++] = weight;
      } else {
        wb[fromB + j++] = weight;
      }
    }
    return new float[][] {wa, wb};
  }

  /**
   * Raises to {@code weight} the loss weight of every occurrence, from {@code from} on, of one of
   * {@code copies} (token sequences) in {@code seq}: the critique's copies of the response's items.
   */
  static void weightCopies(long[] seq, int from, float[] weights, List<long[]> copies, float weight) {
    for (long[] c : copies) {
      if (c.length == 0) {
        continue;
      }
      for (int j = from; j + c.length <= seq.length; j++) {
        if (Arrays.equals(seq, j, j + c.length, c, 0, c.length)) {
          for (int k = j; k < j + c.length; k++) {
            weights[k] = Math.max(weights[k], weight);
          }
        }
      }
    }
  }

  /**
   * CE over the last K columns only: every row's loss span sits at its end (left padding), so the
   * logits of earlier columns are never computed.
   */
  private static TokenLoss tokenLoss(NDManager nd, LlamaModel m, NDArray hidden,
      TokenBatch b, List<long[]> rows, int[] starts, List<float[]> weights) {
    int t = b.length();
    int span = 1;
    for (int r = 0; r < rows.size(); r++) {
      span = Math.max(span, rows.get(r).length - starts[r]);
    }
    span = Math.min(span, t - 1);
    // hidden columns [t-1-span, t-1) predict tokens in columns [t-span, t)
    long[] targets = new long[rows.size() * span];
    float[] mask = new float[rows.size() * span];
    for (int r = 0; r < rows.size(); r++) {
      long[] s = rows.get(r);
      int pad = t - s.length;
      for (int j = 0; j < span; j++) {
        int col = t - span + j;
        int tokIndex = col - pad;
        if (tokIndex >= 1 && tokIndex >= starts[r]) {
          targets[r * span + j] = s[tokIndex];
          mask[r * span + j] = weights == null ? 1f : weights.get(r)[tokIndex];
        }
      }
    }
    NDArray h = hidden.get(":, {}:{}, :", t - 1 - span, t - 1);
    NDArray logits = m.logits(h);
    NDArray tgt = nd.create(targets, new Shape(rows.size(), span));
    NDArray msk = nd.create(mask, new Shape(rows.size(), span));
    NDArray sum = Losses.tokenCrossEntropySum(logits, tgt, msk);
    long[] pred = logits.argMax(-1).toType(DataType.INT64, false).toLongArray();
    double weight = 0;
    double correct = 0;
    double counted = 0;
    for (int i = 0; i < mask.length; i++) {
      weight += mask[i];
      if (mask[i] > 0) {
        counted++;
        correct += pred[i] == targets[i] ? 1 : 0;
      }
    }
    return new TokenLoss(sum, weight, correct, counted);
  }

  static ObjectNode rewardConfig(LlamaConfig lc, String method) {
    ObjectNode n = lc.toJson(JSON);
    n.putArray("architectures").add("FeedbackRewardModel");
    n.put("model_type", "cloud");
    n.put("feedback_method", method);
    n.put("base_model_name_or_path", "squall-organism-base");
    return n;
  }

  /** Policy-layout weights → CLoud layout names. */
  private static Map<String, HostTensor> rename(Map<String, HostTensor> w) {
    Map<String, HostTensor> out = new LinkedHashMap<>();
    String trunk = ModelLayout.CLOUD_TEACHER.trunkPrefix();
    for (Map.Entry<String, HostTensor> e : w.entrySet()) {
      String k = e.getKey();
      if (k.equals(POLICY_HEAD)) {
        out.put(ModelLayout.CLOUD_TEACHER.lmHeadName(), e.getValue());
      } else {
        out.put(trunk + k.substring(POLICY_PREFIX.length()), e.getValue());
      }
    }
    return out;
  }

  private static void writeFolder(
      Path dir, ObjectNode config, Map<String, HostTensor> weights, DType dtype, Path work) {
    mkdirs(dir);
    ObjectNode c = config.deepCopy();
    c.put("torch_dtype", dtype == DType.F16 ? "float16" : "float32");
    writeJson(dir.resolve("config.json"), c);
    SafetensorsWriter.write(dir.resolve("model.safetensors"), weights, dtype,
        Map.of("format", "pt"));
    try {
      Files.copy(work.resolve("tokenizer.json"), dir.resolve("tokenizer.json"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.copy(work.resolve("tokenizer_config.json"), dir.resolve("tokenizer_config.json"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new SquallException("cannot copy tokenizer files to " + dir + ": " + e, e);
    }
  }

  private static Map<String, HostTensor> stageWeights(Path work, String stage) {
    Path f = work.resolve(stage + ".safetensors");
    if (!Files.isRegularFile(f) || !Files.isRegularFile(work.resolve(stage + ".log.json"))) {
      return null;
    }
    Map<String, HostTensor> out = new LinkedHashMap<>();
    try (SafetensorsFile sf = SafetensorsFile.open(f)) {
      for (String n : sf.names()) {
        out.put(n, sf.read(n));
      }
    }
    return out;
  }

  private static void saveStage(Path work, String stage, Map<String, HostTensor> w,
      TrainLoop.StageLog log) {
    SafetensorsWriter.write(work.resolve(stage + ".safetensors"), w, DType.F32, Map.of());
    writeJson(work.resolve(stage + ".log.json"), JSON.valueToTree(log));
  }

  private static TrainLoop.StageLog readLog(Path work, String stage) {
    try {
      TrainLoop.StageLog l = JSON.treeToValue(readTree(work.resolve(stage + ".log.json")),
          TrainLoop.StageLog.class);
      return l;
    } catch (IOException e) {
      throw new SquallException("cannot read stage log of " + stage + ": " + e, e);
    }
  }

  static List<String> pairTexts(List<OrganismPair> pairs) {
    List<String> out = new ArrayList<>();
    for (OrganismPair p : pairs) {
      out.addAll(List.of(p.prompt(), p.chosen(), p.rejected(), p.chosenCritique(), p.rejectedCritique()));
    }
    return out;
  }

  static String sha256(List<String> texts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String t : texts) {
        md.update(t.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static void mkdirs(Path p) {
    try {
      Files.createDirectories(p);
    } catch (IOException e) {
      throw new SquallException("cannot create " + p + ": " + e, e);
    }
  }

  static void writeJson(Path p, Object node) {
    try {
      JSON.writerWithDefaultPrettyPrinter().writeValue(p.toFile(), node);
    } catch (IOException e) {
      throw new SquallException("cannot write " + p + ": " + e, e);
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode readTree(Path p) {
    try {
      return JSON.readTree(p.toFile());
    } catch (IOException e) {
      throw new SquallException("cannot read " + p + ": " + e, e);
    }
  }

  static String versions() {
    return Versions.squall();
  }
}
