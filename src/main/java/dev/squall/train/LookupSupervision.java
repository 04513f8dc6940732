package dev.squall.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.squall.model.llama.AttentionTap;
import dev.squall.text.TextTokenizer;
import dev.squall.world.SeenMark;
import java.util.List;

/**
 * An attention loss for critique SFT that teaches the two-step lookup behind a list critique's
 * "new"/"seen" mark ("4. bear seen: …"), which a 2-layer critic otherwise forms only by chance:
 *
 * <ul>
 *   <li>the <b>previous-token head</b> (layer 0, head 0), at each mark, attends to the item's last
 *       token just before it, so every mark carries "the item before me";
 *   <li>the <b>lookup head</b> (last layer, last head), at each item's last token (where the critic
 *       decides the mark), attends to the marks after the earlier copies of the same item, and for
 *       a new item to the sequence's first token (the chat template's {@code <|begin_of_text|>}),
 *       the usual resting place of an induction head that finds no match.
 * </ul>
 *
 * <p>The loss of a query is {@code -log} of the attention mass on its targets. The lookup head's
 * repeated items and new items each count half: repeats are about one item in twenty. New items
 * rest on the first token rather than on themselves: an item's own key carries its identity just
 * as a matching mark's key does (through the previous-token head), so a head taught to look at
 * itself on new items splits a repeat's attention between the match and itself, and some runs
 * stayed in that split to the end of the loss window. Only training sees this; the exported model
 * is a plain Llama.
 */
final class LookupSupervision {
  private static final double EPS = 1e-6;

  /**
   * Token indexes of one sequence's supervised queries and their targets.
   *
   * @param marks the mark tokens (previous-token head queries)
   * @param items each mark's item's last token (its target, and the lookup head's query)
   * @param lookupKeys per item: the mark tokens of earlier copies, or the first token (0) if new
   * @param repeat per item: whether an earlier segment named it
   */
  record Targets(int[] marks, int[] items, int[][] lookupKeys, boolean[] repeat) {
    static final Targets NONE = new Targets(new int[0], new int[0], new int[0][], new boolean[0]);
  }

  private final TextTokenizer tok;
  private final String[] pieces;

  LookupSupervision(TextTokenizer tok) {
    this.tok = tok;
    this.pieces = new String[tok.vocabSize()];
  }

  /** The two supervised heads of a model with {@code layers} layers of {@code heads} heads. */
  static List<AttentionTap> taps(int layers, int heads) {
    return List.of(new AttentionTap(0, 0), new AttentionTap(layers - 1, heads - 1));
  }

  /**
   * Finds the marks of {@code critique} (as {@link SeenMark}s) among the tokens of {@code seq} from
   * {@code from} on. Returns {@link Targets#NONE} when the critique is not found in the decoded
   * tokens or an item and its mark share a token.
   */
  Targets locate(long[] seq, int from, String critique, List<SeenMark> marks) {
    if (marks.isEmpty()) {
      return Targets.NONE;
    }
    StringBuilder text = new StringBuilder();
    int[] start = new int[seq.length - from];
    for (int k = from; k < seq.length; k++) {
      start[k - from] = text.length();
      text.append(piece(seq[k]));
    }
    String c = critique.strip();
    int at = text.indexOf(c);
    if (at < 0) {
      return Targets.NONE;
    }
    int n = marks.size();
    int[] markTok = new int[n];
    int[] itemTok = new int[n];
    for (int i = 0; i < n; i++) {
      SeenMark s = marks.get(i);
      itemTok[i] = from + tokenAt(start, at + s.itemEnd() - 1);
      markTok[i] = from + tokenAt(start, at + s.markStart());
      if (markTok[i] == itemTok[i]) {
        return Targets.NONE;
      }
    }
    int[][] keys = new int[n][];
    boolean[] repeat = new boolean[n];
    for (int i = 0; i < n; i++) {
      List<Integer> earlier = marks.get(i).earlier();
      repeat[i] = !earlier.isEmpty();
      keys[i] = repeat[i]
          ? earlier.stream().mapToInt(j -> markTok[j]).toArray()
          : new int[] {0};
    }
    return new Targets(markTok, itemTok, keys, repeat);
  }

  /**
   * The loss of one batch: previous-token head mean over marks plus lookup head (repeats and new
   * items half each). {@code prev} and {@code lookup} are the two heads' {@code [B, T, T]} attention
   * probabilities (see {@link #taps}) of a
   * forward over {@code seqs} left-padded to {@code t} columns; rows without targets add nothing.
   * Zero when no row has targets.
   */
  static NDArray loss(NDManager nd, NDArray prev, NDArray lookup, int t,
      List<long[]> seqs, List<Targets> rows) {
    return loss(nd, prev, lookup, t, seqs, rows, Counts.of(rows));
  }

  /** How many marks, and how many of them repeats, a batch has. */
  record Counts(int marks, int repeats) {
    static Counts of(List<Targets> rows) {
      int marks = 0;
      int repeats = 0;
      for (Targets r : rows) {
        marks += r.marks().length;
        for (boolean x : r.repeat()) {
          repeats += x ? 1 : 0;
        }
      }
      return new Counts(marks, repeats);
    }
  }

  /**
   * The share of a batch's loss that its micro-batch {@code rows} carries: the batch's means use
   * {@code batch}'s counts, so the micro-batches' losses add up to the whole batch's.
   */
  static NDArray loss(NDManager nd, NDArray prev, NDArray lookup, int t,
      List<long[]> seqs, List<Targets> rows, Counts batch) {
    int b = seqs.size();
    float[] prevMask = new float[b * t * t];
    float[] prevWeight = new float[b * t];
    float[] lookMask = new float[b * t * t];
    float[] lookWeight = new float[b * t];
    int marks = batch.marks();
    int repeats = batch.repeats();
    if (marks == 0) {
      return nd.zeros(new Shape());
    }
    int fresh = marks - repeats;
    float repeatWeight = repeats == 0 ? 0f : (fresh == 0 ? 1f : 0.5f) / repeats;
    float freshWeight = fresh == 0 ? 0f : (repeats == 0 ? 1f : 0.5f) / fresh;
    for (int r = 0; r < rows.size(); r++) {
      Targets g = rows.get(r);
      int pad = t - seqs.get(r).length;
      for (int i = 0; i < g.marks().length; i++) {
        int q = pad + g.marks()[i];
        prevWeight[r * t + q] = 1f / marks;
        prevMask[(r * t + q) * t + pad + g.items()[i]] = 1f;
        int item = pad + g.items()[i];
        lookWeight[r * t + item] = g.repeat()[i] ? repeatWeight : freshWeight;
        for (int k : g.lookupKeys()[i]) {
          lookMask[(r * t + item) * t + pad + k] = 1f;
        }
      }
    }
    return headLoss(nd, prev, prevMask, prevWeight, b, t)
        .add(headLoss(nd, lookup, lookMask, lookWeight, b, t));
  }

  private static NDArray headLoss(NDManager nd, NDArray probs, float[] mask, float[] weight, int b,
      int t) {
    NDArray mass = probs.mul(nd.create(mask, new Shape(b, t, t))).sum(new int[] {-1});
    return mass.add(EPS).log().mul(nd.create(weight, new Shape(b, t))).sum().neg();
  }

  private String piece(long id) {
    int i = (int) id;
    if (pieces[i] == null) {
      pieces[i] = tok.decode(new long[] {id});
    }
    return pieces[i];
  }

  /** The token whose text holds character {@code ch}: the last token starting at or before it. */
  private static int tokenAt(int[] start, int ch) {
    int lo = 0;
    int hi = start.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (start[mid] <= ch) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }
}
