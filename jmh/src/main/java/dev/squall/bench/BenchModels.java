package dev.squall.bench;

import dev.squall.model.TensorSource;
import dev.squall.model.llama.LlamaConfig;
import dev.squall.model.llama.LlamaModel;
import dev.squall.model.llama.RandomLlamaWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The benchmarked model shape, the FLOP formula and the JVM flags shared by every benchmark (and
 * by {@link Summary}, so the printed GFLOP/s use exactly the counts documented in README.md).
 */
public final class BenchModels {
  // JVM flags for @Fork(jvmArgsAppend = ...). DJL's PyTorch engine reads these once, at load.
  public static final String INTRA_2 = "-Dai.djl.pytorch.num_threads=2";
  public static final String INTRA_1 = "-Dai.djl.pytorch.num_threads=1";
  public static final String INTEROP_1 = "-Dai.djl.pytorch.num_interop_threads=1";
  public static final String QUIET = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn";
  public static final String HEAP = "-Xmx4g";
  public static final String ENGINE = "-Dai.djl.default_engine=PyTorch";
  /**
   * Stop-the-world, single-threaded GC for the search-overhead benchmarks: with G1 the concurrent
   * GC threads of an allocating search competed with the model on the 2 cores and slowed the
   * model calls inside the search by ~1.7x (measured), which the overhead figures then hid; with
   * a serial collector GC time is spent on the search's thread and counts as search overhead.
   */
  static final String SERIAL_GC = "-XX:+UseSerialGC";

  /** Same shape as the Jlama peer in shared/DJL-NOTES.md: hidden 512, 8 layers, vocab 8000. */
  public static final int VOCAB = 8000;
  public static final int HIDDEN = 512;
  public static final int INTERMEDIATE = 1376;
  public static final int LAYERS = 8;
  public static final int HEADS = 8;
  public static final int HEAD_DIM = HIDDEN / HEADS;
  public static final long SEED = 42;

  private BenchModels() {}

  public static LlamaConfig config(int kvHeads) {
    return new LlamaConfig(
        VOCAB, HIDDEN, INTERMEDIATE, LAYERS, HEADS, kvHeads, HEAD_DIM, 1e-5, 10000.0, null, false,
        4096, 0, List.of(1));
  }

  /** Random untied-head model; deterministic for a given config. */
  public static LlamaModel load(LlamaConfig c) {
    return LlamaModel.load(
        c,
        TensorSource.of(RandomLlamaWeights.create(c, "model.", "lm_head.weight", SEED)),
        "model.",
        "lm_head.weight");
  }

  /** Parameters of the per-layer projection matrices (q, k, v, o, gate, up, down) of all layers. */
  public static long layerMatmulParams(LlamaConfig c) {
    long d = c.hiddenSize();
    long q = (long) c.numHeads() * c.headDim();
    long kv = (long) c.numKvHeads() * c.headDim();
    long perLayer = d * (q + 2 * kv) + q * d + 3 * d * c.intermediateSize();
    return c.numLayers() * perLayer;
  }

  /**
   * FLOPs of one scoring forward over {@code b} rows of {@code t} tokens plus the LM head at the
   * last column (what {@link Prefill} runs):
   *
   * <pre>
   *   b·t · [ 2·P_layers + L · 4·t·(H·hd) ]  +  b · 2·D·V
   * </pre>
   *
   * P_layers = {@link #layerMatmulParams}; 4·t·(H·hd) per token and layer is QKᵀ plus softmax·V
   * over the full t×t score matrix (the causal mask is added, not skipped, so that is what is
   * computed). Norms, RoPE, SiLU, softmax and residual adds (O(D) per token) are not counted.
   */
  public static double forwardFlops(LlamaConfig c, int b, int t) {
    double perToken =
        2.0 * layerMatmulParams(c) + (double) c.numLayers() * 4.0 * t * c.numHeads() * c.headDim();
    double head = 2.0 * c.hiddenSize() * c.vocabSize();
    return (double) b * t * perToken + (double) b * head;
  }

  /** {@code rows} random token sequences of length {@code length} (ids 2..vocab-1, no BOS/EOS). */
  public static List<long[]> randomSequences(int rows, int length, long seed) {
    Random r = new Random(seed);
    List<long[]> out = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      long[] s = new long[length];
      for (int j = 0; j < length; j++) {
        s[j] = 2 + r.nextInt(VOCAB - 2);
      }
      out.add(s);
    }
    return out;
  }

  static String describe(LlamaConfig c) {
    return String.format(
        "config: vocab %d, hidden %d, intermediate %d, layers %d, heads %d, kv heads %d, head dim %d;"
            + " parameterCount() = %,d (layer matmuls %,d, embeddings + LM head %,d)",
        c.vocabSize(), c.hiddenSize(), c.intermediateSize(), c.numLayers(), c.numHeads(),
        c.numKvHeads(), c.headDim(), c.parameterCount(), layerMatmulParams(c),
        2L * c.vocabSize() * c.hiddenSize());
  }
}
