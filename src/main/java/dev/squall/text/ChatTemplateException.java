package dev.squall.text;

import dev.squall.ConfigException;

/**
 * A chat template could not be compiled or rendered, or it called {@code raise_exception(msg)}
 * (then the message is {@code msg}, prefixed with where it came from). The conversation or the
 * template is at fault, not Squall, so this is a {@link ConfigException}.
 */
public final class ChatTemplateException extends ConfigException {
  private static final long serialVersionUID = 1L;

  public ChatTemplateException(String message) {
    super(message);
  }

  public ChatTemplateException(String message, Throwable cause) {
    super(message, cause);
  }
}
