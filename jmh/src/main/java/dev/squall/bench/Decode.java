package dev.squall.bench;

import dev.squall.model.generation.Generation;
import dev.squall.model.generation.GenerationConfig;
import dev.squall.model.generation.Generator;
import dev.squall.model.llama.LlamaConfig;
import dev.squall.model.llama.LlamaModel;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Greedy generation of {@value #NEW_TOKENS} new tokens from random {@value #PROMPT}-token prompts
 * with {@code Generator.generate}, with the KV cache ("cached") and without it ("recompute": every
 * step re-runs the whole prefix). One op = one generated token (batch × 128 per call, including
 * the prompt's prefill), so the score is µs per generated token; tokens/s = 1e6 / score.
 *
 * <p>Methods without a suffix run with 2 intra-op threads; "OneThread" methods fork a JVM with 1
 * intra-op thread, which shared/DJL-NOTES.md suggests for small-batch decoding (per-op overhead
 * bound).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 4)
@Measurement(iterations = 3, time = 4)
@Fork(
    value = 1,
    jvmArgsAppend = {BenchModels.INTRA_2, BenchModels.INTEROP_1, BenchModels.QUIET, BenchModels.HEAP, BenchModels.ENGINE})
public class Decode {
  public static final int PROMPT = 16;
  public static final int NEW_TOKENS = 128;
  public static final int KV_HEADS = 8;

  private LlamaModel model;
  private Generator generator;
  private List<long[]> prompts1;
  private List<long[]> prompts8;
  private GenerationConfig cached;
  private GenerationConfig recompute;

  @Setup
  public void setup() {
    LlamaConfig c = BenchModels.config(KV_HEADS);
    System.out.println("\n[Decode] " + BenchModels.describe(c));
    model = BenchModels.load(c);
    generator = new Generator(model, 8);
    prompts1 = BenchModels.randomSequences(1, PROMPT, 3);
    prompts8 = BenchModels.randomSequences(8, PROMPT, 4);
    cached = GenerationConfig.greedy(NEW_TOKENS, Set.of());
    recompute = cached.withCache(false);
  }

  private int run(List<long[]> prompts, GenerationConfig cfg) {
    long[] seeds = new long[prompts.size()];
    Arrays.fill(seeds, 7);
    List<Generation> out = generator.generate(prompts, seeds, cfg);
    int n = 0;
    for (Generation g : out) {
      n += g.length();
    }
    if (n != prompts.size() * NEW_TOKENS) {
      // the per-token score would be wrong: fail loudly rather than report a bogus figure
      throw new IllegalStateException("generated " + n + " tokens, expected "
          + prompts.size() * NEW_TOKENS);
    }
    return n;
  }

  @Benchmark
  @OperationsPerInvocation(NEW_TOKENS)
  public int cachedBatch1() {
    return run(prompts1, cached);
  }

  @Benchmark
  @OperationsPerInvocation(8 * NEW_TOKENS)
  public int cachedBatch8() {
    return run(prompts8, cached);
  }

  @Benchmark
  @OperationsPerInvocation(NEW_TOKENS)
  public int recomputeBatch1() {
    return run(prompts1, recompute);
  }

  @Benchmark
  @OperationsPerInvocation(8 * NEW_TOKENS)
  public int recomputeBatch8() {
    return run(prompts8, recompute);
  }

  @Benchmark
  @OperationsPerInvocation(NEW_TOKENS)
  @Fork(
      value = 1,
      jvmArgsAppend = {BenchModels.INTRA_1, BenchModels.INTEROP_1, BenchModels.QUIET, BenchModels.HEAP, BenchModels.ENGINE})
  public int cachedBatch1OneThread() {
    return run(prompts1, cached);
  }

  @Benchmark
  @OperationsPerInvocation(8 * NEW_TOKENS)
  @Fork(
      value = 1,
      jvmArgsAppend = {BenchModels.INTRA_1, BenchModels.INTEROP_1, BenchModels.QUIET, BenchModels.HEAP, BenchModels.ENGINE})
  public int cachedBatch8OneThread() {
    return run(prompts8, cached);
  }

  @Benchmark
  @OperationsPerInvocation(NEW_TOKENS)
  @Fork(
      value = 1,
      jvmArgsAppend = {BenchModels.INTRA_1, BenchModels.INTEROP_1, BenchModels.QUIET, BenchModels.HEAP, BenchModels.ENGINE})
  public int recomputeBatch1OneThread() {
    return run(prompts1, recompute);
  }

  @TearDown
  public void tearDown() {
    model.close();
  }
}
