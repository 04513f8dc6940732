package dev.squall.rm.local;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.squall.model.llama.LlamaModel;
import dev.squall.model.llama.TokenBatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Reads a reward head at the last token of token sequences, in length-sorted batches (less
 * padding); each batch's native memory is freed when it is done.
 */
final class RewardForward {
  private final LlamaModel model;
  private final ScoreHead head;
  private final int batchSize;

  RewardForward(LlamaModel model, ScoreHead head, int batchSize) {
    this.model = model;
    this.head = head;
    this.batchSize = batchSize;
  }

  double[] rewards(List<long[]> sequences) {
    double[] out = new double[sequences.size()];
    List<Integer> order =
        IntStream.range(0, sequences.size())
            .boxed()
            .sorted(Comparator.comparingInt(i -> sequences.get(i).length))
            .toList();
    for (int from = 0; from < order.size(); from += batchSize) {
      List<Integer> idx = order.subList(from, Math.min(order.size(), from + batchSize));
      List<long[]> chunk = new ArrayList<>(idx.size());
      idx.forEach(i -> chunk.add(sequences.get(i)));
      try (NDManager m = model.newBatchManager()) {
        NDArray hidden = model.forward(m, TokenBatch.leftPadded(chunk), null);
        float[] r = head.apply(hidden.get(":, -1, :")).toFloatArray();
        for (int j = 0; j < idx.size(); j++) {
          out[idx.get(j)] = r[j];
        }
      }
    }
    return out;
  }

  LlamaModel model() {
    return model;
  }

  long headParameters() {
    return head.parameters();
  }
}
