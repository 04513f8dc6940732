package dev.squall.world;

import java.util.Objects;

/**
 * One drawn problem before decoration: the prompt, the bare correct and wrong responses, how the
 * wrong one is wrong, and the true answer.
 */
record WorldInstance(
    String prompt, String chosen, String rejected, ErrorKind errorKind, String answer) {
  WorldInstance {
    Objects.requireNonNull(prompt);
    Objects.requireNonNull(chosen);
    Objects.requireNonNull(rejected);
    Objects.requireNonNull(errorKind);
    Objects.requireNonNull(answer);
  }
}
