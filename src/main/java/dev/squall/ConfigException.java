package dev.squall;

/** A user-supplied configuration or argument is invalid; the CLI maps it to exit code 2. */
public class ConfigException extends SquallException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
