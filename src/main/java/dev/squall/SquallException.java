package dev.squall;

/**
 * The one unchecked exception root of Squall. Messages name the offending thing (file, line,
 * tensor, field), the value found and what was allowed.
 */
public class SquallException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SquallException(String message) {
    super(message);
  }

  public SquallException(String message, Throwable cause) {
    super(message, cause);
  }
}
