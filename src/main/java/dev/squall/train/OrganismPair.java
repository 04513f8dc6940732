package dev.squall.train;

import java.util.Objects;

/**
 * One training or test pair with oracle critiques of both responses.
 *
 * @param id stable row id
 * @param prompt user prompt
 * @param chosen the correct response
 * @param rejected the subtly wrong response
 * @param chosenCritique oracle critique of {@code chosen}
 * @param rejectedCritique oracle critique of {@code rejected}
 */
public record OrganismPair(
    String id, String prompt, String chosen, String rejected, String chosenCritique,
    String rejectedCritique) {
  public OrganismPair {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(chosen, "chosen");
    Objects.requireNonNull(rejected, "rejected");
    Objects.requireNonNull(chosenCritique, "chosenCritique");
    Objects.requireNonNull(rejectedCritique, "rejectedCritique");
  }
}
