package dev.squall.data;

import dev.squall.SquallException;
import java.util.List;
import java.util.Objects;

/**
 * An RM-Bench row: three chosen and three rejected responses at style levels 0 = concise, 1 =
 * detailed, 2 = detailed + markdown.
 *
 * @param id row id
 * @param domain chat, math, code or safety
 * @param prompt the prompt
 * @param chosen the three correct responses, by style level
 * @param rejected the three incorrect responses, by style level
 */
public record RmBenchRow(
    String id, String domain, String prompt, List<String> chosen, List<String> rejected) {
  public RmBenchRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(prompt, "prompt");
    chosen = List.copyOf(chosen);
    rejected = List.copyOf(rejected);
    if (chosen.size() != 3 || rejected.size() != 3) {
      throw new SquallException(
          "RM-Bench rows need 3 chosen and 3 rejected responses, had " + chosen.size() + " and "
              + rejected.size());
    }
  }
}
