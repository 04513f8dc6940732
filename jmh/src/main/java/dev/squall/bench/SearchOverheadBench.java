package dev.squall.bench;

import dev.squall.rm.RewardModel;
import dev.squall.rm.ScoringRequest;
import java.util.List;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Attack search throughput beside the raw scoring throughput of the same model, in one run.
 *
 * <p>{@link #search} runs one {@link SearchWorkload} (one op = the whole workload) against the
 * model through a {@link TimedRewardModel}; the {@link ModelClock} counters add up the time spent
 * inside the model and the queries sent. {@link #rawScoring} replays exactly the batches that
 * workload sends (recorded once in setup) straight to the model: the model-only time of the same
 * work. So, per method, with one op of each:
 *
 * <pre>
 *   search queries/s = queries / search time           raw queries/s = queries / rawScoring time
 *   overhead (clock)  = (search time − model time inside search) / model time inside search
 *   overhead (replay) = (search time − rawScoring time) / rawScoring time
 * </pre>
 *
 * {@link Summary} prints these from the JSON results. Subclasses choose the model.
 */
@State(Scope.Benchmark)
public abstract class SearchOverheadBench {
  @Param({"greedy", "beam", "genetic", "random", "universal_suffix"})
  public String method;

  private RewardModel model;
  private SearchWorkload workload;
  private TimedRewardModel timed;
  private List<List<ScoringRequest>> batches;
  private long queriesPerOp;

  /** Per-thread counters JMH reports beside the score (summed over the iteration). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class ModelClock {
    /** Nanoseconds spent inside the model. */
    public long modelNanos;
    /** Requests that reached the model. */
    public long queries;
    /** Benchmark invocations (ops) counted. */
    public long invocations;

    @Setup(Level.Iteration)
    public void reset() {
      modelNanos = 0;
      queries = 0;
      invocations = 0;
    }
  }

  /** The workload for {@code method}. */
  protected abstract SearchWorkload workload(String method);

  /** The model under the workload (closed in tear-down). */
  protected abstract RewardModel openModel(SearchWorkload workload);

  @Setup(Level.Trial)
  public void setup() {
    workload = workload(method);
    model = openModel(workload);
    timed = new TimedRewardModel(model, false);
    TimedRewardModel recorder = new TimedRewardModel(model, true);
    queriesPerOp = workload.run(recorder);
    batches = recorder.batches();
    if (recorder.requests() != queriesPerOp) {
      throw new IllegalStateException(
          "the search charged " + queriesPerOp + " queries but sent " + recorder.requests() + " requests");
    }
    if (workload.run(new TimedRewardModel(model, false)) != queriesPerOp) {
      throw new IllegalStateException("the " + method + " workload is not deterministic");
    }
    System.out.printf("%n[%s] %s: %d queries per op in %d batches%n",
        getClass().getSimpleName(), method, queriesPerOp, batches.size());
  }

  @Benchmark
  public long search(ModelClock clock) {
    long n0 = timed.nanos();
    long q0 = timed.requests();
    long q = workload.run(timed);
    clock.modelNanos += timed.nanos() - n0;
    clock.queries += timed.requests() - q0;
    clock.invocations++;
    return q;
  }

  @Benchmark
  public long rawScoring(ModelClock clock) {
    long t0 = System.nanoTime();
    long n = SearchWorkload.replay(model, batches);
    clock.modelNanos += System.nanoTime() - t0;
    clock.queries += n;
    clock.invocations++;
    return n;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    model.close();
  }
}
