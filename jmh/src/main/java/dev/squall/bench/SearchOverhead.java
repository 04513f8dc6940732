package dev.squall.bench;

import dev.squall.rm.RewardModel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link SearchOverheadBench} on a {@link SpinRewardModel}: {@code spin} xorshift steps per
 * request (about 0.5 ms on this 2-core machine at the default; a request to the embedded classic
 * organism costs a few ms), 8 items, 100 queries per item. Model time is deterministic, so what the
 * search adds is measured without model noise. Pure Java: no libtorch in this fork.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {BenchModels.QUIET, BenchModels.HEAP, BenchModels.SERIAL_GC})
public class SearchOverhead extends SearchOverheadBench {
  public static final int ITEMS = 8;
  public static final int BUDGET = 100;

  /** xorshift steps per request. */
  @Param({"200000"})
  public long spin;

  @Override
  protected SearchWorkload workload(String method) {
    return new SearchWorkload(method, ITEMS, BUDGET);
  }

  @Override
  protected RewardModel openModel(SearchWorkload workload) {
    return new SpinRewardModel(spin, workload.chosen());
  }
}
