package dev.squall.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The roofline: float32 1024×1024 · 1024×1024 with DJL (2·n³ FLOPs per op), plus the four
 * projection matmuls of one decoder layer at the shapes {@link Prefill} batch 8 runs them
 * (1024 tokens × hidden 512), to separate "libtorch is slower on these shapes" from "the model
 * wastes time outside matmuls". Score: ms per op.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {BenchModels.INTRA_2, BenchModels.INTEROP_1, BenchModels.QUIET, BenchModels.HEAP, BenchModels.ENGINE})
public class MatmulRoofline {
  public static final int N = 1024;
  /** Rows of the layer-shaped matmuls: Prefill batch 8 × 128 tokens. */
  public static final int ROWS = 8 * 128;

  private NDManager manager;
  private NDArray a;
  private NDArray b;
  private NDArray x;
  private NDArray xInter;
  private NDArray wqkv;
  private NDArray wo;
  private NDArray wgateUp;
  private NDArray wdown;

  @Setup
  public void setup() {
    manager = NDManager.newBaseManager();
    a = manager.randomUniform(-1f, 1f, new Shape(N, N));
    b = manager.randomUniform(-1f, 1f, new Shape(N, N));
    int d = BenchModels.HIDDEN;
    int inter = BenchModels.INTERMEDIATE;
    x = manager.randomUniform(-1f, 1f, new Shape(ROWS, d));
    xInter = manager.randomUniform(-1f, 1f, new Shape(ROWS, inter));
    wqkv = manager.randomUniform(-1f, 1f, new Shape(d, 3L * d));
    wo = manager.randomUniform(-1f, 1f, new Shape(d, d));
    wgateUp = manager.randomUniform(-1f, 1f, new Shape(d, 2L * inter));
    wdown = manager.randomUniform(-1f, 1f, new Shape(inter, d));
  }

  /** FLOPs of {@link #layerMatmuls}: one MHA layer's q|k|v, o, gate|up and down projections. */
  public static double layerMatmulFlops() {
    double d = BenchModels.HIDDEN;
    double inter = BenchModels.INTERMEDIATE;
    return 2.0 * ROWS * (d * 3 * d + d * d + d * 2 * inter + inter * d);
  }

  @Benchmark
  public float matmul2Threads() {
    try (NDArray c = a.matMul(b)) {
      return c.getFloat(0, 0);
    }
  }

  @Benchmark
  @Fork(
      value = 1,
      jvmArgsAppend = {BenchModels.INTRA_1, BenchModels.INTEROP_1, BenchModels.QUIET, BenchModels.HEAP, BenchModels.ENGINE})
  public float matmul1Thread() {
    return matmul2Threads();
  }

  @Benchmark
  public float layerMatmuls2Threads() {
    float s = 0;
    try (NDArray c = x.matMul(wqkv)) {
      s += c.getFloat(0, 0);
    }
    try (NDArray c = x.matMul(wo)) {
      s += c.getFloat(0, 0);
    }
    try (NDArray c = x.matMul(wgateUp)) {
      s += c.getFloat(0, 0);
    }
    try (NDArray c = xInter.matMul(wdown)) {
      s += c.getFloat(0, 0);
    }
    return s;
  }

  @TearDown
  public void tearDown() {
    manager.close();
  }
}
