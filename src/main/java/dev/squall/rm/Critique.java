package dev.squall.rm;

import java.util.Objects;

/**
 * A critique a CLoud model wrote (or was given) and the reward it led to.
 *
 * @param text the critique as scored (decoded up to the stop token, then stripped)
 * @param truncated true when generation hit the max-token limit before a stop token: the reward
 *     was then read after a cut-off critique
 * @param tokens number of generated tokens (0 for a given critique)
 * @param reward the reward read after this critique
 * @param given true when the caller supplied the critique
 */
public record Critique(String text, boolean truncated, int tokens, double reward, boolean given) {
  public Critique {
    Objects.requireNonNull(text, "text");
  }
}
