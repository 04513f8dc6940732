package dev.squall.model.generation;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Turns one row of next-token logits into a token, in Hugging Face's order: repetition penalty,
 * then temperature, then top-p, then greedy argmax or a seeded sample. Pure Java; stateless.
 */
final class LogitsProcessor {
  private LogitsProcessor() {}

  /**
   * Chooses the next token.
   *
   * @param logits raw logits for one row (modified in place)
   * @param seen tokens of the prompt and the output so far, for the repetition penalty
   * @param rng the row's random source; unused when greedy
   */
  static int next(float[] logits, long[] seen, int seenLength, GenerationConfig cfg, SplittableRandom rng) {
    if (cfg.repetitionPenalty() != 1.0) {
      applyRepetitionPenalty(logits, seen, seenLength, (float) cfg.repetitionPenalty());
    }
    if (cfg.greedy()) {
      return argMax(logits);
    }
    double[] probs = softmax(logits, cfg.temperature());
    if (cfg.topP() < 1.0) {
      nucleus(probs, cfg.topP());
    }
    return sample(probs, rng);
  }

  static void applyRepetitionPenalty(float[] logits, long[] seen, int n, float penalty) {
    boolean[] done = new boolean[logits.length];
    for (int i = 0; i < n; i++) {
      int id = (int) seen[i];
      if (id < 0 || id >= logits.length || done[id]) {
        continue;
      }
      done[id] = true;
      logits[id] = logits[id] < 0 ? logits[id] * penalty : logits[id] / penalty;
    }
  }

  /** Index of the largest logit; ties go to the lowest index (as torch.argmax on CPU). */
  static int argMax(float[] logits) {
    int best = 0;
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    return best;
  }

  static double[] softmax(float[] logits, double temperature) {
    double max = Double.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l / temperature);
    }
    double[] p = new double[logits.length];
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(logits[i] / temperature - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  /**
   * Zeroes the tail outside the smallest set of most probable tokens whose mass reaches {@code
   * topP} (the token that crosses the threshold is kept, as in Hugging Face), then renormalises.
   */
  static void nucleus(double[] p, double topP) {
    Integer[] order = new Integer[p.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> p[b] != p[a] ? Double.compare(p[b], p[a]) : Integer.compare(a, b));
    double before = 0;
    double kept = 0;
    for (Integer i : order) {
      if (before >= topP) {
        before += p[i];
        p[i] = 0;
      } else {
        before += p[i];
        kept += p[i];
      }
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= kept;
    }
  }

  static int sample(double[] p, SplittableRandom rng) {
    double u = rng.nextDouble();
    double c = 0;
    int last = 0;
    for (int i = 0; i < p.length; i++) {
      if (p[i] > 0) {
        c += p[i];
        last = i;
        if (u < c) {
          return i;
        }
      }
    }
    return last;
  }
}
