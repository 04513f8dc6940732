package dev.squall.world;

import java.util.Objects;

/**
 * The oracle's judgement of one response.
 *
 * @param parsed whether an answer could be read from the response text at all
 * @param correct whether the parsed answer is right; never true when {@code parsed} is false
 * @param expected the true answer, rendered as text
 * @param found the answer read from the response, or the empty string when nothing was parsed
 */
public record Verdict(boolean parsed, boolean correct, String expected, String found) {
  public Verdict {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(found, "found");
    if (correct && !parsed) {
      throw new IllegalArgumentException("a verdict cannot be correct when nothing was parsed");
    }
  }
}
