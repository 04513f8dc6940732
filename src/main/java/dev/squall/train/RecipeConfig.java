package dev.squall.train;

import dev.squall.world.ListWorld.CritiqueFormat;

/**
 * Settings of {@link OrganismRecipe#run}. Use {@link #defaults()} for the shipped organisms and
 * {@link #forTests()} for tests.
 *
 * @param seed master seed (data, initialisation, shuffling)
 * @param vocabSize tokenizer vocabulary size (special + 256 byte tokens + corpus pieces)
 * @param hidden model width
 * @param intermediate SwiGLU width
 * @param layers decoder blocks
 * @param heads attention heads (= KV heads); the shipped 8 heads of width 16 cost about 8%
 *     of training speed over 4 of width 32 and leave arithmetic more heads beside the two the lookup
 *     loss takes (see the cloud card)
 * @param corpusDocs base-LM documents
 * @param trainPairs preference pairs for critique SFT, joint and classic training
 * @param sftPairs train-split pairs whose oracle critiques critique SFT reads: the {@code trainPairs}
 *     and then fresh pairs of the same split, minus any whose (prompt, response) is a test pair's
 *     (&ge; trainPairs; more than trainPairs is a deviation from the paper stated in the cards)
 * @param testPairs in-distribution test pairs for the model cards
 * @param baseSteps base-LM steps
 * @param sftSteps critique-SFT steps
 * @param jointSteps CLoud joint BT + λ·SFT steps
 * @param classicSteps classic BT steps
 * @param batchSize sequences per LM step; pairs per BT step = batchSize / 2 (2 sequences each)
 * @param lmLr peak LR of base LM and critique SFT
 * @param rmLr peak LR of joint and classic training
 * @param lambda weight of the critique SFT loss in the joint loss (paper: 1.25 at 8B)
 * @param contrastWeight critique-SFT loss weight of the tokens where a pair's two oracle critiques
 *     differ (1 = plain SFT as in the paper; see {@code OrganismRecipe.contrastWeights})
 * @param copyWeight critique-SFT loss weight of the critique tokens that copy a word of the
 *     response ({@link OrganismWorld#copiedWords}: list items); 1 = off. A deviation from the paper
 *     stated in the cards
 * @param drillPairs how many of the worlds' critique drills ({@link OrganismWorld#drills}) to add to
 *     the critique-SFT data (0 = none, as in the paper; a deviation stated in the cards)
 * @param listCritique the list world's critique format ({@link CritiqueFormat#SEEN} shipped: it
 *     marks each item new or seen, which the lookup loss needs; {@link CritiqueFormat#MARKS} the
 *     earlier organisms')
 * @param lookupWeight weight of the critique-SFT attention loss that teaches the list critique's
 *     "new"/"seen" lookup ({@link LookupSupervision}); 0 = off. A deviation from the paper stated in
 *     the cards
 * @param lookupFrom the critique-SFT step from which the attention loss is on
 * @param lookupUntil the critique-SFT step at which the attention loss goes off again, so the
 *     rest of critique SFT runs on the next-token loss alone (0 = on to the end)
 * @param maxCritiqueTokens generation cap for critiques
 * @param generationBatch prompts per generation batch
 * @param checkpointEvery steps between checkpoints (0 = none)
 * @param f16 write F16 safetensors (else F32)
 * @param quick a tiny run for tests (documented in the cards)
 */
public record RecipeConfig(
    long seed,
    int vocabSize,
    int hidden,
    int intermediate,
    int layers,
    int heads,
    int corpusDocs,
    int trainPairs,
    int sftPairs,
    int testPairs,
    int baseSteps,
    int sftSteps,
    int jointSteps,
    int classicSteps,
    int batchSize,
    double lmLr,
    double rmLr,
    double lambda,
    double contrastWeight,
    double copyWeight,
    int drillPairs,
    CritiqueFormat listCritique,
    double lookupWeight,
    int lookupFrom,
    int lookupUntil,
    int maxCritiqueTokens,
    int generationBatch,
    int checkpointEvery,
    boolean f16,
    boolean quick) {
  public RecipeConfig {
    if (hidden % heads != 0) {
      throw new IllegalArgumentException("hidden (" + hidden + ") must be a multiple of heads (" + heads + ")");
    }
    if (trainPairs < 1 || testPairs < 1 || corpusDocs < 1 || batchSize < 1) {
      throw new IllegalArgumentException("trainPairs, testPairs, corpusDocs and batchSize must be >= 1");
    }
    if (sftPairs < trainPairs) {
      throw new IllegalArgumentException(
          "sftPairs (" + sftPairs + ") must be >= trainPairs (" + trainPairs + ")");
    }
    if (!(contrastWeight >= 1)) {
      throw new IllegalArgumentException("contrastWeight must be >= 1, got " + contrastWeight);
    }
    if (!(copyWeight >= 1)) {
      throw new IllegalArgumentException("copyWeight must be >= 1, got " + copyWeight);
    }
    java.util.Objects.requireNonNull(listCritique, "listCritique");
    if (!(lookupWeight >= 0) || lookupFrom < 0) {
      throw new IllegalArgumentException(
          "lookupWeight and lookupFrom must be >= 0, got " + lookupWeight + ", " + lookupFrom);
    }
    if (lookupUntil != 0 && lookupUntil <= lookupFrom) {
      throw new IllegalArgumentException("lookupUntil must be 0 (on to the end) or > lookupFrom ("
          + lookupFrom + "), got " + lookupUntil);
    }
    if (lookupWeight > 0 && listCritique != CritiqueFormat.SEEN) {
      throw new IllegalArgumentException("the lookup loss (lookupWeight " + lookupWeight
          + ") needs the list critiques' new/seen marks: listCritique SEEN, got " + listCritique);
    }
    if (drillPairs < 0) {
      throw new IllegalArgumentException("drillPairs must be >= 0, got " + drillPairs);
    }
    if (!(lambda >= 0)) {
      throw new IllegalArgumentException("lambda must be >= 0, got " + lambda);
    }
  }

  /** The settings of the shipped organisms. */
  public static RecipeConfig defaults() {
    return new RecipeConfig(
        20261127L, 512, 128, 256, 2, 8, 6000, 4000, 36000, 1000, 300, 4000, 250, 200, 32, 2e-3, 5e-4,
        1.25, 5.0, 5.0, 9000, CritiqueFormat.SEEN, 0.5, 1500, 2500, 160, 128, 100, true, false);
  }

  /** A tiny configuration that runs end to end in well under a minute (tests). */
  public static RecipeConfig forTests() {
    return new RecipeConfig(
        7L, 300, 32, 64, 1, 2, 200, 64, 96, 32, 20, 20, 10, 10, 8, 3e-3, 1e-3, 1.25, 5.0, 5.0, 16, CritiqueFormat.SEEN, 0.5, 5, 15, 80, 64, 0, false,
        true);
  }

  public RecipeConfig withSeed(long s) {
    return new RecipeConfig(s, vocabSize, hidden, intermediate, layers, heads, corpusDocs,
        trainPairs, sftPairs, testPairs, baseSteps, sftSteps, jointSteps, classicSteps, batchSize, lmLr, rmLr,
        lambda, contrastWeight, copyWeight, drillPairs, listCritique, lookupWeight, lookupFrom, lookupUntil, maxCritiqueTokens, generationBatch, checkpointEvery, f16, quick);
  }

  public RecipeConfig withSteps(int base, int sft, int joint, int classic) {
    return new RecipeConfig(seed, vocabSize, hidden, intermediate, layers, heads, corpusDocs,
        trainPairs, sftPairs, testPairs, base, sft, joint, classic, batchSize, lmLr, rmLr,
        lambda, contrastWeight, copyWeight, drillPairs, listCritique, lookupWeight, lookupFrom, lookupUntil, maxCritiqueTokens, generationBatch, checkpointEvery, f16, quick);
  }

  public RecipeConfig withCopyWeight(double w) {
    return new RecipeConfig(seed, vocabSize, hidden, intermediate, layers, heads, corpusDocs,
        trainPairs, sftPairs, testPairs, baseSteps, sftSteps, jointSteps, classicSteps, batchSize, lmLr, rmLr,
        lambda, contrastWeight, w, drillPairs, listCritique, lookupWeight, lookupFrom, lookupUntil, maxCritiqueTokens, generationBatch, checkpointEvery, f16, quick);
  }

  public RecipeConfig withSftPairs(int n) {
    return new RecipeConfig(seed, vocabSize, hidden, intermediate, layers, heads, corpusDocs,
        trainPairs, n, testPairs, baseSteps, sftSteps, jointSteps, classicSteps, batchSize, lmLr, rmLr,
        lambda, contrastWeight, copyWeight, drillPairs, listCritique, lookupWeight, lookupFrom, lookupUntil, maxCritiqueTokens, generationBatch, checkpointEvery, f16, quick);
  }

  /** Whether the lookup attention loss is on at critique-SFT step {@code step}. */
  public boolean lookupOn(int step) {
    return lookupWeight > 0 && step >= lookupFrom && (lookupUntil == 0 || step < lookupUntil);
  }

  /** The lookup loss at {@code weight} from critique-SFT step {@code from} to the end. */
  public RecipeConfig withLookup(double weight, int from) {
    return withLookup(weight, from, 0);
  }

  /** The lookup loss at {@code weight} on critique-SFT steps [from, until) (until 0 = to the end). */
  public RecipeConfig withLookup(double weight, int from, int until) {
    return new RecipeConfig(seed, vocabSize, hidden, intermediate, layers, heads, corpusDocs,
        trainPairs, sftPairs, testPairs, baseSteps, sftSteps, jointSteps, classicSteps, batchSize, lmLr, rmLr,
        lambda, contrastWeight, copyWeight, drillPairs, listCritique, weight, from, until, maxCritiqueTokens, generationBatch, checkpointEvery, f16, quick);
  }

  public RecipeConfig withListCritique(CritiqueFormat f) {
    return new RecipeConfig(seed, vocabSize, hidden, intermediate, layers, heads, corpusDocs,
        trainPairs, sftPairs, testPairs, baseSteps, sftSteps, jointSteps, classicSteps, batchSize, lmLr, rmLr,
        lambda, contrastWeight, copyWeight, drillPairs, f, lookupWeight, lookupFrom, lookupUntil, maxCritiqueTokens, generationBatch, checkpointEvery, f16, quick);
  }
}
