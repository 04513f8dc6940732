package dev.squall.attack;

import java.util.Objects;

/**
 * The chat-template text a CLoud model reads around turns, as critique-hijacking attacks forge
 * it. {@link #LLAMA3} matches {@code dev.squall.rm.local.PromptFormat} for Llama-3 templates.
 *
 * @param userHeader text that opens a user turn
 * @param assistantHeader text that opens an assistant turn
 * @param endOfTurn text that closes a turn
 * @param critiquePrefix the critique instruction the model continues (no trailing space)
 */
public record ChatMarkers(
    String userHeader, String assistantHeader, String endOfTurn, String critiquePrefix) {
  /** The CLoud code's critique instruction, as rendered by Llama-3's trimming template. */
  public static final String COT_PROMPT =
      "The following is a break down on the correctness and usefulness of the assistant's"
          + " response to my question:";

  public static final ChatMarkers LLAMA3 =
      new ChatMarkers(
          "<|start_header_id|>user<|end_header_id|>\n\n",
          "<|start_header_id|>assistant<|end_header_id|>\n\n",
          "<|eot_id|>",
          COT_PROMPT);

  public ChatMarkers {
    Objects.requireNonNull(userHeader, "userHeader");
    Objects.requireNonNull(assistantHeader, "assistantHeader");
    Objects.requireNonNull(endOfTurn, "endOfTurn");
    Objects.requireNonNull(critiquePrefix, "critiquePrefix");
  }
}
