package dev.squall.remote;

import dev.squall.text.ChatMessage;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One chat-completions request.
 *
 * @param messages the conversation
 * @param maxTokens max new tokens
 * @param temperature 0 for greedy
 * @param topP nucleus mass
 * @param seed sampling seed, when the server honours one
 * @param repetitionPenalty sent as vLLM's {@code repetition_penalty} extra parameter when not 1
 * @param continueFinalMessage render the last message open and continue it (vLLM's {@code
 *     continue_final_message} with {@code add_generation_prompt=false}); used to have a server
 *     write a CLoud critique in the critique turn
 */
public record ChatCall(
    List<ChatMessage> messages, int maxTokens, double temperature, double topP, OptionalLong seed,
    double repetitionPenalty, boolean continueFinalMessage) {
  public ChatCall {
    messages = List.copyOf(messages);
    Objects.requireNonNull(seed, "seed");
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a chat call needs at least one message");
    }
  }

  public static ChatCall of(List<ChatMessage> messages, int maxTokens, double temperature, long seed) {
    return new ChatCall(messages, maxTokens, temperature, 1.0, OptionalLong.of(seed), 1.0, false);
  }
}
