package dev.squall.model.generation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.squall.model.llama.KvCache;
import dev.squall.model.llama.LlamaModel;
import dev.squall.model.llama.TokenBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Batched autoregressive decoding with a KV cache over a {@link LlamaModel} with an LM head.
 *
 * <p>Each prompt carries its own seed, so a prompt decodes to the same tokens whether it runs
 * alone or in a batch, and whatever its position in the batch. Prompts are processed in chunks
 * of {@code maxBatch}; each chunk's native memory is freed when it finishes. Not thread-safe
 * (it drives one model).
 */
public final class Generator {
  private final LlamaModel model;
  private final int maxBatch;

  public Generator(LlamaModel model, int maxBatch) {
    if (!model.hasLmHead()) {
      throw new IllegalArgumentException("generation needs a model with an LM head");
    }
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
    }
    this.model = model;
    this.maxBatch = maxBatch;
  }

  /**
   * Continues each prompt.
   *
   * @param prompts token ids of each prompt (non-empty)
   * @param seeds one sampling seed per prompt (ignored when greedy)
   */
  public List<Generation> generate(List<long[]> prompts, long[] seeds, GenerationConfig cfg) {
    if (seeds.length != prompts.size()) {
      throw new IllegalArgumentException(
          "need one seed per prompt: " + prompts.size() + " prompts, " + seeds.length + " seeds");
    }
    List<Generation> out = new ArrayList<>(prompts.size());
    for (int from = 0; from < prompts.size(); from += maxBatch) {
      int to = Math.min(prompts.size(), from + maxBatch);
      out.addAll(generateChunk(prompts.subList(from, to), Arrays.copyOfRange(seeds, from, to), cfg));
    }
    return out;
  }

  private List<Generation> generateChunk(List<long[]> prompts, long[] seeds, GenerationConfig cfg) {
    int b = prompts.size();
    int maxNew = cfg.maxNewTokens();
    long[][] seen = new long[b][];
    int[] seenLen = new int[b];
    SplittableRandom[] rngs = new SplittableRandom[b];
    for (int r = 0; r < b; r++) {
      long[] p = prompts.get(r);
      seen[r] = Arrays.copyOf(p, p.length + maxNew);
      seenLen[r] = p.length;
      rngs[r] = new SplittableRandom(seeds[r]);
    }
    int[] stop = new int[b];
    Arrays.fill(stop, -1);
    int[] generated = new int[b];
    boolean[] done = new boolean[b];
    try (NDManager gen = model.newBatchManager()) {
      TokenBatch input = TokenBatch.leftPadded(prompts);
      KvCache cache =
          cfg.useCache() ? new KvCache(gen, model.config().numLayers(), input.length() + maxNew) : null;
      for (int step = 0; step < maxNew; step++) {
        float[] logits;
        int vocab;
        try (NDManager stepManager = gen.newSubManager()) {
          NDArray hidden = model.forward(stepManager, input, cache);
          NDArray last = model.lastLogits(hidden);
          vocab = (int) last.getShape().get(1);
          logits = last.toFloatArray();
        }
        long[] nextIds = new long[b];
        int live = 0;
        for (int r = 0; r < b; r++) {
          if (done[r]) {
            continue;
          }
          float[] row = Arrays.copyOfRange(logits, r * vocab, (r + 1) * vocab);
          int tok = LogitsProcessor.next(row, seen[r], seenLen[r], cfg, rngs[r]);
          nextIds[r] = tok;
          if (cfg.stopTokens().contains(tok)) {
            done[r] = true;
            stop[r] = tok;
          } else {
            seen[r][seenLen[r]++] = tok;
            generated[r]++;
            live++;
          }
        }
        if (live == 0 || step == maxNew - 1) {
          break;
        }
        input = nextInput(prompts, seen, seenLen, nextIds, cache != null);
      }
    }
    List<Generation> out = new ArrayList<>(b);
    for (int r = 0; r < b; r++) {
      long[] toks = Arrays.copyOfRange(seen[r], prompts.get(r).length, seenLen[r]);
      out.add(new Generation(toks, stop[r]));
    }
    return out;
  }

  /** With a cache only the newest token per row; without, every row's whole sequence so far. */
  private static TokenBatch nextInput(
      List<long[]> prompts, long[][] seen, int[] seenLen, long[] nextIds, boolean cached) {
    int b = prompts.size();
    if (cached) {
      boolean[][] valid = new boolean[b][1];
      int[][] pos = new int[b][1];
      for (int r = 0; r < b; r++) {
        valid[r][0] = true;
      }
      return new TokenBatch(nextIds.clone(), b, 1, valid, pos);
    }
    List<long[]> seqs = new ArrayList<>(b);
    for (int r = 0; r < b; r++) {
      seqs.add(Arrays.copyOf(seen[r], seenLen[r]));
    }
    return TokenBatch.leftPadded(seqs);
  }
}
