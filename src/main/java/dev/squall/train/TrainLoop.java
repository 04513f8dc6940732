package dev.squall.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.SquallException;
import dev.squall.model.HostTensor;
import dev.squall.model.llama.LlamaModel;
import dev.squall.model.safetensors.DType;
import dev.squall.model.safetensors.SafetensorsFile;
import dev.squall.model.safetensors.SafetensorsWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One training stage: AdamW (β = (0.9, 0.95), decoupled weight decay on matrices only), linear
 * warm-up then cosine decay of the learning rate, global-norm gradient clipping, seeded shuffling
 * whose batch at step {@code s} is a pure function of (seed, s), a per-step native memory scope,
 * a progress line on stderr-like output, and resumable checkpoints.
 *
 * <p>Checkpoints ({@code <dir>/<stage>.ckpt.safetensors} with parameters and both Adam moments in
 * F32, plus {@code <stage>.ckpt.json} with the step, the Adam step, the shuffling position and the
 * running statistics) are written every {@link Settings#checkpointEvery} steps; {@link #run} with
 * the same settings continues from the last one and reaches the same weights as an uninterrupted
 * run. Not thread-safe.
 */
public final class TrainLoop {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.95;
  private static final double EPS = 1e-8;

  private TrainLoop() {}

  /**
   * @param stage name used in logs and checkpoint files
   * @param steps optimiser steps
   * @param batchSize examples per step
   * @param peakLr learning rate after warm-up
   * @param warmupSteps linear warm-up length
   * @param minLrFraction final learning rate as a fraction of the peak
   * @param weightDecay AdamW decoupled weight decay (matrices only)
   * @param clipNorm global gradient-norm clip
   * @param seed shuffling seed
   * @param checkpointEvery steps between checkpoints; 0 for none
   * @param checkpointDir where checkpoints go; null for none
   */
  public record Settings(
      String stage,
      int steps,
      int batchSize,
      double peakLr,
      int warmupSteps,
      double minLrFraction,
      double weightDecay,
      double clipNorm,
      long seed,
      int checkpointEvery,
      Path checkpointDir) {
    public Settings {
      if (steps < 1 || batchSize < 1 || !(peakLr > 0) || warmupSteps < 0 || checkpointEvery < 0) {
        throw new IllegalArgumentException(
            "bad settings for stage " + stage + ": steps=" + steps + " batch=" + batchSize
                + " lr=" + peakLr + " warmup=" + warmupSteps + " ckpt=" + checkpointEvery);
      }
    }

    /** Learning rate used at step {@code s} (0-based). */
    public double lr(int s) {
      if (s < warmupSteps) {
        return peakLr * (s + 1) / warmupSteps;
      }
      double p = (s - warmupSteps) / (double) Math.max(1, steps - warmupSteps);
      double min = peakLr * minLrFraction;
      return min + (peakLr - min) * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, p)));
    }
  }

  /** The loss of one batch and its accuracy counts. */
  public record BatchResult(NDArray loss, double correct, double counted) {}

  /**
   * Computes a batch's loss at {@code step} (from 0); arrays must be created in (or derived from)
   * {@code m}.
   */
  @FunctionalInterface
  public interface BatchLoss {
    BatchResult compute(NDManager m, int[] examples, int step);
  }

  /** What a stage did. */
  public record StageLog(
      String stage,
      int steps,
      int batchSize,
      int examples,
      double firstLoss,
      double finalLoss,
      double finalAccuracy,
      double seconds,
      double examplesPerSecond,
      int skippedSteps,
      boolean resumed) {}

  /** Runs every step of the stage (resuming from a checkpoint when one exists). */
  public static StageLog run(
      Settings s, LlamaModel model, List<NDArray> params, int exampleCount, BatchLoss loss,
      PrintStream progress) {
    return run(s, model, params, exampleCount, loss, progress, s.steps());
  }

  /**
   * Runs up to step {@code stopAt} (exclusive) — less than {@code s.steps()} simulates an
   * interrupted run; its last checkpoint is written at {@code stopAt}.
   */
  public static StageLog run(
      Settings s, LlamaModel model, List<NDArray> params, int exampleCount, BatchLoss loss,
      PrintStream progress, int stopAt) {
    if (exampleCount < 1) {
      throw new IllegalArgumentException("stage " + s.stage() + " has no examples");
    }
    long t0 = System.nanoTime();
    try (NDManager opt = model.newBatchManager()) {
      List<NDArray> m1 = new ArrayList<>();
      List<NDArray> m2 = new ArrayList<>();
      for (NDArray p : params) {
        m1.add(opt.zeros(p.getShape()));
        m2.add(opt.zeros(p.getShape()));
        p.setRequiresGradient(true);
      }
      int start = 0;
      double firstLoss = Double.NaN;
      double priorSeconds = 0;
      int skipped = 0;
      boolean resumed = false;
      Path ckptJson = s.checkpointDir() == null ? null : s.checkpointDir().resolve(s.stage() + ".ckpt.json");
      if (ckptJson != null && Files.isRegularFile(ckptJson)) {
        JsonNode st = readJson(ckptJson);
        start = st.get("step").asInt();
        firstLoss = st.get("first_loss").asDouble();
        priorSeconds = st.get("seconds").asDouble();
        skipped = st.get("skipped_steps").asInt();
        loadState(s.checkpointDir().resolve(s.stage() + ".ckpt.safetensors"), params, m1, m2);
        resumed = true;
        progress.printf("[%s] resuming at step %d/%d%n", s.stage(), start, s.steps());
      }
      int end = Math.min(stopAt, s.steps());
      int logEvery = Math.max(1, s.steps() / 25);
      double emaLoss = Double.NaN;
      double emaAcc = Double.NaN;
      long tStart = System.nanoTime();
      double winLoss = 0;
      double winCorrect = 0;
      double winCount = 0;
      int winSteps = 0;
      for (int step = start; step < end; step++) {
        int[] batch = batch(s.seed(), step, s.batchSize(), exampleCount);
        double lossValue;
        double correct;
        double counted;
        try (NDManager m = model.newBatchManager();
            NDScope scope = new NDScope()) {
          scope.suppressNotUsedWarning();
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            BatchResult r = loss.compute(m, batch, step);
            lossValue = r.loss().getFloat();
            correct = r.correct();
            counted = r.counted();
            if (Double.isFinite(lossValue)) {
              gc.backward(r.loss());
            }
          }
          boolean stepped = Double.isFinite(lossValue)
              && adamStep(m, params, m1, m2, step + 1, s.lr(step), s.weightDecay(), s.clipNorm());
          if (!stepped) {
            skipped++;
          }
          zeroGradients(m, params);
        }
        if (Double.isNaN(firstLoss)) {
          firstLoss = lossValue;
        }
        if (Double.isFinite(lossValue)) {
          emaLoss = Double.isNaN(emaLoss) ? lossValue : 0.9 * emaLoss + 0.1 * lossValue;
          winLoss += lossValue;
          winSteps++;
        }
        double acc = counted > 0 ? correct / counted : Double.NaN;
        if (!Double.isNaN(acc)) {
          emaAcc = Double.isNaN(emaAcc) ? acc : 0.9 * emaAcc + 0.1 * acc;
          winCorrect += correct;
          winCount += counted;
        }
        int done = step + 1;
        if (done % logEvery == 0 || done == end) {
          double secs = (System.nanoTime() - tStart) / 1e9;
          double exPerSec = (done - start) * (double) s.batchSize() / Math.max(1e-9, secs);
          double eta = (s.steps() - done) * (double) s.batchSize() / Math.max(1e-9, exPerSec);
          progress.printf(
              Locale.ROOT,
              "[%s] step %d/%d loss %.4f acc %.3f lr %.2e %.0f ex/s ETA %s%n",
              s.stage(), done, s.steps(), winSteps > 0 ? winLoss / winSteps : Double.NaN,
              winCount > 0 ? winCorrect / winCount : Double.NaN, s.lr(step), exPerSec,
              duration(eta));
          winLoss = 0;
          winCorrect = 0;
          winCount = 0;
          winSteps = 0;
        }
        if (s.checkpointDir() != null
            && ((s.checkpointEvery() > 0 && done % s.checkpointEvery() == 0 && done < s.steps())
                || (done == end && end < s.steps()))) {
          double secs = priorSeconds + (System.nanoTime() - t0) / 1e9;
          saveState(s, done, firstLoss, secs, skipped, params, m1, m2);
        }
      }
      for (NDArray p : params) {
        p.setRequiresGradient(false);
      }
      if (end == s.steps() && ckptJson != null) {
        deleteQuietly(ckptJson);
        deleteQuietly(s.checkpointDir().resolve(s.stage() + ".ckpt.safetensors"));
      }
      double secs = priorSeconds + (System.nanoTime() - t0) / 1e9;
      int trained = end - start;
      return new StageLog(
          s.stage(), end, s.batchSize(), exampleCount, firstLoss, emaLoss, emaAcc, secs,
          trained * (double) s.batchSize() / Math.max(1e-9, (System.nanoTime() - t0) / 1e9),
          skipped, resumed);
    }
  }

  /** Example indices of step {@code step}: a fresh seeded permutation per epoch. */
  static int[] batch(long seed, int step, int batchSize, int n) {
    int[] out = new int[batchSize];
    long pos = (long) step * batchSize;
    int[] perm = null;
    long permEpoch = -1;
    for (int i = 0; i < batchSize; i++, pos++) {
      long epoch = pos / n;
      if (epoch != permEpoch) {
        perm = permutation(seed, epoch, n);
        permEpoch = epoch;
      }
      out[i] = perm[(int) (pos % n)];
    }
    return out;
  }

  private static int[] permutation(long seed, long epoch, int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** One AdamW step with global-norm clipping; false (nothing changed) when the gradient is not finite. */
  private static boolean adamStep(
      NDManager m, List<NDArray> params, List<NDArray> m1, List<NDArray> m2, int t, double lr,
      double wd, double clip) {
    List<NDArray> grads = new ArrayList<>(params.size());
    double sq = 0;
    for (NDArray p : params) {
      NDArray g = p.getGradient();
      g.attach(m);
      grads.add(g);
      sq += g.square().sum().getFloat();
    }
    double norm = Math.sqrt(sq);
    if (!Double.isFinite(norm)) {
      return false;
    }
    double scale = norm > clip ? clip / (norm + 1e-6) : 1.0;
    double bc1 = 1 - Math.pow(BETA1, t);
    double bc2 = 1 - Math.pow(BETA2, t);
    for (int i = 0; i < params.size(); i++) {
      NDArray p = params.get(i);
      NDArray g = grads.get(i).mul((float) scale);
      m1.get(i).muli((float) BETA1).addi(g.mul((float) (1 - BETA1)));
      m2.get(i).muli((float) BETA2).addi(g.square().mul((float) (1 - BETA2)));
      NDArray update =
          m1.get(i).div((float) bc1).div(m2.get(i).div((float) bc2).sqrt().add((float) EPS));
      if (wd > 0 && p.getShape().dimension() > 1) {
        update = update.add(p.mul((float) wd));
      }
      p.subi(update.mul((float) lr));
    }
    return true;
  }

  private static void zeroGradients(NDManager m, List<NDArray> params) {
    for (NDArray p : params) {
      if (p instanceof PtNDArray pt) {
        JniUtils.zeroGrad(pt);
      } else {
        NDArray g = p.getGradient();
        g.attach(m);
        g.subi(g);
      }
    }
  }

  private static void saveState(
      Settings s, int step, double firstLoss, double seconds, int skipped, List<NDArray> params,
      List<NDArray> m1, List<NDArray> m2) {
    Map<String, HostTensor> t = new LinkedHashMap<>();
    for (int i = 0; i < params.size(); i++) {
      t.put("param." + i, host(params.get(i)));
      t.put("adam_m." + i, host(m1.get(i)));
      t.put("adam_v." + i, host(m2.get(i)));
    }
    try {
      Files.createDirectories(s.checkpointDir());
      SafetensorsWriter.write(
          s.checkpointDir().resolve(s.stage() + ".ckpt.safetensors"), t, DType.F32, Map.of());
      ObjectNode n = JSON.createObjectNode();
      n.put("stage", s.stage());
      n.put("step", step);
      n.put("adam_step", step);
      n.put("total_steps", s.steps());
      n.put("seed", s.seed());
      n.put("batch_size", s.batchSize());
      n.put("shuffle_position", (long) step * s.batchSize());
      n.put("first_loss", firstLoss);
      n.put("seconds", seconds);
      n.put("skipped_steps", skipped);
      Path json = s.checkpointDir().resolve(s.stage() + ".ckpt.json");
      Path tmp = json.resolveSibling(json.getFileName() + ".tmp");
      JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), n);
      Files.move(tmp, json, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new SquallException("cannot write checkpoint for stage " + s.stage() + ": " + e, e);
    }
  }

  private static void loadState(
      Path file, List<NDArray> params, List<NDArray> m1, List<NDArray> m2) {
    try (SafetensorsFile f = SafetensorsFile.open(file)) {
      for (int i = 0; i < params.size(); i++) {
        setData(params.get(i), f.read("param." + i));
        setData(m1.get(i), f.read("adam_m." + i));
        setData(m2.get(i), f.read("adam_v." + i));
      }
    }
  }

  private static void setData(NDArray a, HostTensor t) {
    if (!a.getShape().equals(new Shape(t.shape()))) {
      throw new SquallException("checkpoint tensor shape " + new Shape(t.shape())
          + " does not match " + a.getShape());
    }
    a.set(FloatBuffer.wrap(t.data()));
  }

  static HostTensor host(NDArray a) {
    return new HostTensor(a.getShape().getShape(), a.toFloatArray());
  }

  private static JsonNode readJson(Path p) {
    try {
      return JSON.readTree(p.toFile());
    } catch (IOException e) {
      throw new SquallException("cannot read checkpoint " + p + ": " + e, e);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // a stale checkpoint of a finished stage is harmless
    }
  }

  static String duration(double seconds) {
    if (!Double.isFinite(seconds)) {
      return "?";
    }
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
