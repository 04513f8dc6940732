package dev.squall.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.squall.model.llama.LlamaConfig;
import dev.squall.model.llama.LlamaModel;
import dev.squall.model.llama.TokenBatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Batched scoring forward (no cache): {@code model.forward} over a left-padded batch of random
 * 128-token sequences, then {@code lastLogits} (what a reward model or a prompt prefill does).
 * One op = one token, so the score is µs per token; tokens/s = 1e6 / score.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 4)
@Measurement(iterations = 3, time = 4)
@Fork(
    value = 1,
    jvmArgsAppend = {BenchModels.INTRA_2, BenchModels.INTEROP_1, BenchModels.QUIET, BenchModels.HEAP, BenchModels.ENGINE})
public class Prefill {
  public static final int TOKENS = 128;

  /** 8 = multi-head attention, 4 = grouped-query attention (2 query heads per KV head). */
  @Param({"8", "4"})
  public int kvHeads;

  private LlamaModel model;
  private TokenBatch batch8;
  private TokenBatch batch1;

  @Setup
  public void setup() {
    LlamaConfig c = BenchModels.config(kvHeads);
    System.out.println("\n[Prefill] " + BenchModels.describe(c));
    System.out.printf(
        "[Prefill] FLOPs per token at T=%d: batch 8 %.4g, batch 1 %.4g%n",
        TOKENS,
        BenchModels.forwardFlops(c, 8, TOKENS) / (8.0 * TOKENS),
        BenchModels.forwardFlops(c, 1, TOKENS) / TOKENS);
    model = BenchModels.load(c);
    batch8 = TokenBatch.leftPadded(BenchModels.randomSequences(8, TOKENS, 1));
    batch1 = TokenBatch.leftPadded(BenchModels.randomSequences(1, TOKENS, 2));
  }

  @Benchmark
  @OperationsPerInvocation(8 * TOKENS)
  public float batch8() {
    return forward(batch8);
  }

  @Benchmark
  @OperationsPerInvocation(TOKENS)
  public float batch1() {
    return forward(batch1);
  }

  private float forward(TokenBatch tokens) {
    try (NDManager m = model.newBatchManager()) {
      NDArray hidden = model.forward(m, tokens, null);
      return model.lastLogits(hidden).getFloat(0, 0);
    }
  }

  @TearDown
  public void tearDown() {
    model.close();
  }
}
