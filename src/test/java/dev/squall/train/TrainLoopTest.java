package dev.squall.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.model.HostTensor;
import dev.squall.model.TensorSource;
import dev.squall.model.llama.LlamaConfig;
import dev.squall.model.llama.LlamaModel;
import dev.squall.model.llama.RandomLlamaWeights;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainLoopTest {
  private static final LlamaConfig CFG = LlamaConfig.of(40, 32, 64, 1, 2, 2);

  /** Toy task: counting sequences s, s+1, ..., s+7 — learnable by next-token loss in seconds. */
  private static List<long[]> counting(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<long[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int s = r.nextInt(30);
      long[] seq = new long[8 + r.nextInt(3)];
      for (int j = 0; j < seq.length; j++) {
        seq[j] = Math.min(39, s + j);
      }
      out.add(seq);
    }
    return out;
  }

  private static LlamaModel fresh() {
    return LlamaModel.load(CFG, TensorSource.of(RandomLlamaWeights.create(CFG, "model.", "lm_head.weight", 3)),
        "model.", "lm_head.weight");
  }

  private static TrainLoop.Settings settings(int steps, Path ckpt, int every) {
    return new TrainLoop.Settings("toy", steps, 16, 1e-2, 5, 0.1, 0.01, 1.0, 11, every, ckpt);
  }

  private static TrainLoop.BatchLoss lm(LlamaModel m, List<long[]> data, List<Integer> live) {
    int[] from = new int[data.size()];
    Arrays.fill(from, 1);
    return (nd, idx, step) -> {
      if (live != null) {
        live.add(m.liveArrayCount());
      }
      List<long[]> rows = new ArrayList<>();
      int[] starts = new int[idx.length];
      for (int k = 0; k < idx.length; k++) {
        rows.add(data.get(idx[k]));
        starts[k] = 1;
      }
      return OrganismRecipe.lmLoss(nd, m, rows, starts, null);
    };
  }

  @Test
  void shortRunLowersTheLossAndKeepsLiveArraysFlat() {
    List<long[]> data = counting(256, 1);
    List<Integer> live = new ArrayList<>();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (LlamaModel m = fresh()) {
      int before = m.liveArrayCount();
      TrainLoop.StageLog s = TrainLoop.run(settings(120, null, 0), m, m.parameters(), data.size(),
          lm(m, data, live), new PrintStream(log, true, StandardCharsets.UTF_8));
      assertTrue(s.finalLoss() < 0.5 * s.firstLoss(),
          "loss should fall: first " + s.firstLoss() + ", final " + s.finalLoss());
      assertTrue(s.finalAccuracy() > 0.8, "token accuracy " + s.finalAccuracy());
      assertEquals(before, m.liveArrayCount(), "arrays leaked across the run");
      assertEquals(Set.of(live.get(1)), new HashSet<>(live.subList(1, live.size())),
          "live-array count must stay flat across steps: " + live);
    }
    String out = log.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("[toy] step 120/120"), out);
    assertTrue(out.contains("ETA"), out);
  }

  @Test
  void aStepWhoseGradientIsNotFiniteIsSkippedAndLeavesTheWeightsAlone() {
    List<long[]> data = counting(64, 3);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    try (LlamaModel m = fresh()) {
      TrainLoop.BatchLoss plain = lm(m, data, null);
      // Every third step adds sqrt(0 * w^2): value 0, gradient NaN (inf * 0).
      TrainLoop.BatchLoss poisoned = (nd, idx, step) -> {
        TrainLoop.BatchResult r = plain.compute(nd, idx, step);
        if (step % 3 != 0) {
          return r;
        }
        ai.djl.ndarray.NDArray w = m.parameters().get(0);
        return new TrainLoop.BatchResult(
            r.loss().add(w.square().mul(0f).sqrt().sum()), r.correct(), r.counted());
      };
      TrainLoop.StageLog s = TrainLoop.run(settings(30, null, 0), m, m.parameters(), data.size(),
          poisoned, quiet);
      assertEquals(10, s.skippedSteps(), "steps 0, 3, ..., 27 have a NaN gradient");
      for (Map.Entry<String, HostTensor> e : m.exportWeights("model.", "lm_head.weight").entrySet()) {
        for (float x : e.getValue().data()) {
          assertTrue(Float.isFinite(x), e.getKey() + " holds a non-finite weight");
        }
      }
      assertTrue(s.finalLoss() < s.firstLoss(), "the other steps still train: " + s);
    }
  }

  @Test
  void resumedRunReachesTheSameWeightsAsAnUninterruptedOne(@TempDir Path dir) {
    // Multi-threaded CPU kernels (e.g. the embedding gradient's scatter-add) may sum in a
    // different order from run to run; one intra-op thread makes two runs bit-comparable.
    ai.djl.engine.Engine.getInstance();
    int threads = ai.djl.pytorch.jni.JniUtils.getNumThreads();
    ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
    try {
      resumeMatches(dir);
    } finally {
      ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
    }
  }

  private void resumeMatches(Path dir) {
    List<long[]> data = counting(64, 2);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Map<String, HostTensor> straight;
    try (LlamaModel m = fresh()) {
      TrainLoop.run(settings(8, null, 0), m, m.parameters(), data.size(), lm(m, data, null), quiet);
      straight = m.exportWeights("model.", "lm_head.weight");
    }
    try (LlamaModel m = fresh()) {
      TrainLoop.run(settings(8, dir, 2), m, m.parameters(), data.size(), lm(m, data, null), quiet, 5);
    }
    assertTrue(Files.isRegularFile(dir.resolve("toy.ckpt.json")));
    Map<String, HostTensor> resumed;
    try (LlamaModel m = fresh()) {
      TrainLoop.StageLog s = TrainLoop.run(settings(8, dir, 2), m, m.parameters(), data.size(),
          lm(m, data, null), quiet);
      assertTrue(s.resumed());
      resumed = m.exportWeights("model.", "lm_head.weight");
    }
    assertFalse(Files.exists(dir.resolve("toy.ckpt.json")), "finished stage removes its checkpoint");
    for (String k : straight.keySet()) {
      assertArrayEquals(straight.get(k).data(), resumed.get(k).data(), 1e-6f, k);
    }
  }

  @Test
  void batchesAreASeededFunctionOfTheStep() {
    assertArrayEquals(TrainLoop.batch(5, 7, 16, 50), TrainLoop.batch(5, 7, 16, 50));
    // every epoch visits every example once
    Set<Integer> seen = new HashSet<>();
    for (int s = 0; s < 5; s++) {
      for (int i : TrainLoop.batch(5, s, 10, 50)) {
        seen.add(i);
      }
    }
    assertEquals(50, seen.size());
  }
}
