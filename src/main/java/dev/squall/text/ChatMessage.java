package dev.squall.text;

import java.util.Objects;

/**
 * One turn of a chat, as handed to a chat template: a role ({@code "system"}, {@code "user"},
 * {@code "assistant"} or any other role a template understands) and its text content.
 *
 * <p>Both fields are non-null; content may be empty. Immutable and thread-safe.
 */
public record ChatMessage(String role, String content) {

  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  /** A {@code "user"} turn. */
  public static ChatMessage user(String content) {
    return new ChatMessage("user", content);
  }

  /** An {@code "assistant"} turn. */
  public static ChatMessage assistant(String content) {
    return new ChatMessage("assistant", content);
  }

  /** A {@code "system"} turn. */
  public static ChatMessage system(String content) {
    return new ChatMessage("system", content);
  }
}
