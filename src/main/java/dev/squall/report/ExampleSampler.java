package dev.squall.report;

import dev.squall.attack.AttackResult;
import dev.squall.attack.ModelScores;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Keeps a bounded sample of attack results from a stream of any length, always including the
 * worst ones.
 *
 * <p>The rule: the <b>gain</b> of a row is the target model's reward after the attack minus before
 * (rows with no scores have gain −∞). For every (attack, target model) pair the {@code topK} rows
 * with the largest gain are kept (ties broken by item id, so the choice is deterministic); on top
 * of that, a uniform reservoir sample (Algorithm R, seeded) of {@code reservoir} rows over the
 * whole stream is kept, so ordinary failures and skips are shown too. At most {@code maxGroups}
 * (attack, model) pairs get their own top-k; rows of further pairs only enter the reservoir.
 * Memory and output are therefore bounded by {@code topK·maxGroups + reservoir} rows whatever the
 * stream length. Not thread-safe.
 */
public final class ExampleSampler {
  /** Default top-k per (attack, model). */
  public static final int DEFAULT_TOP_K = 10;
  /** Default reservoir size. */
  public static final int DEFAULT_RESERVOIR = 200;
  /** Default cap on (attack, model) groups with their own top-k. */
  public static final int DEFAULT_MAX_GROUPS = 200;
  /** Default reservoir seed. */
  public static final long DEFAULT_SEED = 20240607L;

  private record Scored(AttackResult row, double gain) {}

  private static final Comparator<Scored> WORST_LAST =
      Comparator.comparingDouble(Scored::gain)
          .thenComparing((Scored s) -> s.row().itemId(), Comparator.reverseOrder());

  private final int topK;
  private final int reservoirSize;
  private final int maxGroups;
  private final SplittableRandom random;
  private final Map<String, PriorityQueue<Scored>> top = new HashMap<>();
  private final List<Scored> reservoir = new ArrayList<>();
  private long seen;

  public ExampleSampler(int topK, int reservoirSize, int maxGroups, long seed) {
    if (topK < 0 || reservoirSize < 0 || maxGroups < 0) {
      throw new IllegalArgumentException("sizes must be >= 0");
    }
    this.topK = topK;
    this.reservoirSize = reservoirSize;
    this.maxGroups = maxGroups;
    this.random = new SplittableRandom(seed);
  }

  public ExampleSampler() {
    this(DEFAULT_TOP_K, DEFAULT_RESERVOIR, DEFAULT_MAX_GROUPS, DEFAULT_SEED);
  }

  /** The target model's reward gain, or −∞ when the row has no scores or they are not finite. */
  public static double gain(AttackResult r) {
    if (r.models().isEmpty()) {
      return Double.NEGATIVE_INFINITY;
    }
    ModelScores m = r.models().get(0);
    double g = m.rewardAfter() - m.rewardBefore();
    return Double.isFinite(g) ? g : Double.NEGATIVE_INFINITY;
  }

  /** The target model's name, or "" when unscored. */
  public static String targetModel(AttackResult r) {
    return r.models().isEmpty() ? "" : r.models().get(0).model();
  }

  public void accept(AttackResult r) {
    seen++;
    Scored s = new Scored(r, gain(r));
    String key = r.attack() + "\u0000" + targetModel(r);
    PriorityQueue<Scored> q = top.get(key);
    if (q == null && top.size() < maxGroups && topK > 0) {
      q = new PriorityQueue<>(WORST_LAST);
      top.put(key, q);
    }
    if (q != null) {
      if (q.size() < topK) {
        q.add(s);
      } else if (WORST_LAST.compare(s, q.peek()) > 0) {
        q.poll();
        q.add(s);
      }
    }
    if (reservoirSize > 0) {
      if (reservoir.size() < reservoirSize) {
        reservoir.add(s);
      } else {
        long j = random.nextLong(seen);
        if (j < reservoirSize) {
          reservoir.set((int) j, s);
        }
      }
    }
  }

  /** Rows seen so far. */
  public long seen() {
    return seen;
  }

  /** The kept rows, each once, largest gain first. */
  public List<AttackResult> sample() {
    Map<AttackResult, Scored> kept = new IdentityHashMap<>();
    for (PriorityQueue<Scored> q : top.values()) {
      for (Scored s : q) {
        kept.put(s.row(), s);
      }
    }
    for (Scored s : reservoir) {
      kept.put(s.row(), s);
    }
    List<Scored> out = new ArrayList<>(kept.values());
    out.sort(WORST_LAST.reversed().thenComparing(s -> s.row().attack()));
    return out.stream().map(Scored::row).toList();
  }

  /** The rule in words, for the report. */
  public String describe() {
    return "Kept: for each (attack, target model), the "
        + topK
        + " rows with the largest reward gain (target reward after minus before), plus a seeded"
        + " uniform reservoir sample of "
        + reservoirSize
        + " rows over all "
        + seen
        + " rows (at most "
        + maxGroups
        + " (attack, model) groups get a top-k; texts longer than "
        + HtmlReport.MAX_TEXT
        + " characters are cut).";
  }
}
