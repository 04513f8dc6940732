package dev.squall.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.squall.bench.BenchModels;
import dev.squall.model.TensorSource;
import dev.squall.model.llama.LlamaConfig;
import dev.squall.model.llama.LlamaModel;
import dev.squall.model.llama.RandomLlamaWeights;
import dev.squall.world.FeatureStrength;
import dev.squall.world.Split;
import dev.squall.world.TextLength;
import dev.squall.world.World;
import dev.squall.world.Worlds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
 * One critique-SFT step's forward and backward pass (no optimiser) on the 4-head organisms' shape
 * (vocab 512, hidden 128, 2 layers, 4 heads; the organisms have 8 since session 15), batch 32, computed as {@code microBatches} length-sorted
 * micro-batches ({@code OrganismRecipe.MICRO_BATCHES}; 1 = one left-padded batch). The sequences are
 * random tokens with the lengths of the worlds' train pairs (prompt + response + oracle critique,
 * {@link TextLength#tokenEstimate}) and the loss on the critique, so the padding is the recipe's.
 * Each invocation takes the next seeded random batch. One op = one example: µs per example; the
 * ratio between the {@code microBatches} values is the speed-up of the recipe's LM stages.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {BenchModels.INTRA_2, BenchModels.INTEROP_1, BenchModels.QUIET, BenchModels.HEAP,
        BenchModels.ENGINE})
public class CritiqueSftStep {
  static final int BATCH = 32;

  @Param({"1", "2", "4", "8"})
  public int microBatches;

  private LlamaModel model;
  private TrainLoop.BatchLoss loss;
  private int examples;
  private int step;
  private Path work;

  @Setup
  public void setup() {
    List<long[]> seqs = new ArrayList<>();
    List<Integer> from = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(1);
    for (World w : Worlds.all()) {
      w.generate(Split.TRAIN, 2000, 17, FeatureStrength.DEFAULT).forEach(p -> {
        for (String c : List.of(p.metadata().chosenCritique(), p.metadata().rejectedCritique())) {
          int head = TextLength.tokenEstimate(p.prompt() + "\n" + p.chosen()) + 8;
          seqs.add(r.longs(head + TextLength.tokenEstimate(c) + 2, 10, 500).toArray());
          from.add(head);
        }
      });
    }
    examples = seqs.size();
    LlamaConfig c = LlamaConfig.of(512, 128, 256, 2, 4, 4).withTokens(1, List.of(2));
    model = LlamaModel.load(c, TensorSource.of(RandomLlamaWeights.create(c, "model.", "lm_head.weight", 3)),
        "model.", "lm_head.weight");
    for (NDArray p : model.parameters()) {
      p.setRequiresGradient(true);
    }
    try {
      work = Files.createTempDirectory("sft-step");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    loss = new OrganismRecipe.Trainer(RecipeConfig.defaults(), work, System.err, microBatches)
        .lmBatchLoss(model, seqs, from.stream().mapToInt(Integer::intValue).toArray(), null, null);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public float forwardBackward() {
    int[] batch = TrainLoop.batch(7, step++, BATCH, examples);
    try (NDManager nd = model.newBatchManager();
        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray l = loss.compute(nd, batch, step).loss();
      float value = l.getFloat();
      gc.backward(l);
      for (NDArray p : model.parameters()) {
        JniUtils.zeroGrad((PtNDArray) p);
      }
      return value;
    }
  }

  @TearDown
  public void tearDown() {
    model.close();
  }
}
