package dev.squall.data;

import dev.squall.SquallException;
import java.util.List;
import java.util.Objects;

/**
 * A RewardBench 2 row: one prompt, one or more chosen and (usually three) rejected responses.
 *
 * @param id row id
 * @param subset subset name
 * @param prompt the prompt
 * @param chosen the correct responses (non-empty)
 * @param rejected the incorrect responses (non-empty)
 */
public record RewardBench2Row(
    String id, String subset, String prompt, List<String> chosen, List<String> rejected) {
  public RewardBench2Row {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subset, "subset");
    Objects.requireNonNull(prompt, "prompt");
    chosen = List.copyOf(chosen);
    rejected = List.copyOf(rejected);
    if (chosen.isEmpty() || rejected.isEmpty()) {
      throw new SquallException("chosen and rejected must not be empty (row " + id + ")");
    }
  }
}
