package dev.squall.world;

import dev.squall.SquallException;
import java.nio.file.Path;
import java.util.List;

/**
 * A JSONL line could not be read as a preference row. Names the file and the 1-based line, and
 * keeps the rows read before it so no work is lost.
 */
public final class PairJsonlException extends SquallException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long lineNumber;
  private final transient List<PreferencePair> rowsBefore;

  PairJsonlException(
      Path file,
      long lineNumber,
      String problem,
      List<PreferencePair> rowsBefore,
      Throwable cause) {
    super(file + ":" + lineNumber + ": " + problem, cause);
    this.file = file;
    this.lineNumber = lineNumber;
    this.rowsBefore = List.copyOf(rowsBefore);
  }

  /** The file being read. */
  public Path file() {
    return file;
  }

  /** The 1-based line number of the bad line. */
  public long lineNumber() {
    return lineNumber;
  }

  /** The rows successfully read before the bad line. */
  public List<PreferencePair> rowsBefore() {
    return rowsBefore;
  }
}
