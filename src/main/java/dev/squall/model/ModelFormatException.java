package dev.squall.model;

import dev.squall.SquallException;

/**
 * A model file (config.json, safetensors, tokenizer files) is malformed or does not match what the
 * configuration needs. The message names the file and, where there is one, the tensor or field.
 */
public class ModelFormatException extends SquallException {
  private static final long serialVersionUID = 1L;

  public ModelFormatException(String message) {
    super(message);
  }

  public ModelFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
