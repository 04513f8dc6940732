package dev.squall.data;

import dev.squall.SquallException;
import java.nio.file.Path;

/**
 * A record of a dataset file is malformed. The message reads {@code file:line: field 'f':
 * problem}; the parts are also available separately.
 */
public final class DataFormatException extends SquallException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long lineNumber;
  private final String field;

  public DataFormatException(Path file, long lineNumber, String field, String problem) {
    super(file + ":" + lineNumber + ": field '" + field + "': " + problem);
    this.file = file;
    this.lineNumber = lineNumber;
    this.field = field;
  }

  /** The file being read. */
  public Path file() {
    return file;
  }

  /** The 1-based line where the bad record starts. */
  public long lineNumber() {
    return lineNumber;
  }

  /** The offending field ({@code (json)} / {@code (csv)} when the record itself is unreadable). */
  public String field() {
    return field;
  }
}
