package dev.squall.model.llama;

import java.util.List;

/**
 * Sequences of token ids packed into one left-padded batch.
 *
 * <p>Left padding puts every sequence's last real token at the last column, so a reward head and
 * the next-token logits read the same position for every row. Positions count real tokens only,
 * so a padded row computes the same values as the unpadded sequence.
 *
 * @param ids row-major {@code [batch, length]} token ids, pad positions hold 0
 * @param batch number of rows
 * @param length number of columns (the longest sequence)
 * @param valid {@code [batch][length]} true for real tokens
 * @param positions {@code [batch][length]} rotary position of each token (0 for pads)
 */
public record TokenBatch(long[] ids, int batch, int length, boolean[][] valid, int[][] positions) {

  /** Left-pads {@code sequences}; each must be non-empty. */
  public static TokenBatch leftPadded(List<long[]> sequences) {
    if (sequences.isEmpty()) {
      throw new IllegalArgumentException("a batch needs at least one sequence");
    }
    int b = sequences.size();
    int t = 0;
    for (long[] s : sequences) {
      if (s.length == 0) {
        throw new IllegalArgumentException("empty token sequence in batch");
      }
      t = Math.max(t, s.length);
    }
    long[] ids = new long[b * t];
    boolean[][] valid = new boolean[b][t];
    int[][] pos = new int[b][t];
    for (int r = 0; r < b; r++) {
      long[] s = sequences.get(r);
      int pad = t - s.length;
      for (int j = 0; j < s.length; j++) {
        ids[r * t + pad + j] = s[j];
        valid[r][pad + j] = true;
        pos[r][pad + j] = j;
      }
    }
    return new TokenBatch(ids, b, t, valid, pos);
  }
}
