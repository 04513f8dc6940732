package dev.squall.remote;

import java.util.Objects;

/**
 * A chat completion's first choice.
 *
 * @param text the assistant message content
 * @param finishReason {@code stop}, {@code length}, ...
 * @param promptTokens usage.prompt_tokens (0 when absent)
 * @param completionTokens usage.completion_tokens (0 when absent)
 */
public record ChatCompletion(String text, String finishReason, long promptTokens, long completionTokens) {
  public ChatCompletion {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(finishReason, "finishReason");
  }

  /** True when generation stopped at the token limit. */
  public boolean truncated() {
    return "length".equals(finishReason);
  }
}
