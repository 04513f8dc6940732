package dev.squall.bench;

import dev.squall.model.hf.EmbeddedModels;
import dev.squall.rm.RewardModel;
import dev.squall.rm.local.LoadOptions;
import dev.squall.rm.local.LocalModels;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link SearchOverheadBench} on the embedded {@code classic} organism (DJL, 1 intra-op thread, its
 * default batch size), 4 items, 60 queries per item. Real model time varies with batch shapes and
 * machine load, so the replay ratio is the cleaner figure here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {BenchModels.INTRA_1, BenchModels.INTEROP_1, BenchModels.QUIET, BenchModels.HEAP, BenchModels.ENGINE, BenchModels.SERIAL_GC})
public class SearchOverheadEmbedded extends SearchOverheadBench {
  public static final int ITEMS = 4;
  public static final int BUDGET = 60;

  @Override
  protected SearchWorkload workload(String method) {
    return new SearchWorkload(method, ITEMS, BUDGET);
  }

  @Override
  protected RewardModel openModel(SearchWorkload workload) {
    return LocalModels.loadRewardModel(EmbeddedModels.resolve("classic"), LoadOptions.defaults());
  }
}
