package dev.squall.data;

import dev.squall.SquallException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads rows of type T from a file one record at a time (constant memory: one record, plus at
 * most {@value #KEPT_PROBLEMS} problem descriptions in lenient mode). Blank lines are skipped.
 * Closes the file at the end of input or on {@link #close()}. Not thread-safe.
 *
 * @param <T> the row type
 */
public final class RowReader<T> implements Iterator<T>, AutoCloseable {
  /** How many bad-record descriptions lenient mode keeps (the count is always exact). */
  public static final int KEPT_PROBLEMS = 100;

  /** Parses one raw record; throws {@link BadField} for a malformed one. */
  interface Parser<T> {
    T parse(RawRecord record);
  }

  private final Path file;
  private final Strictness strictness;
  private final RawSource source;
  private final Parser<T> parser;
  private final List<String> problems = new ArrayList<>();
  private T next;
  private boolean done;
  private long skipped;
  private long rows;

  RowReader(Path file, Strictness strictness, RawSource source, Parser<T> parser) {
    this.file = Objects.requireNonNull(file, "file");
    this.strictness = Objects.requireNonNull(strictness, "strictness");
    this.source = source;
    this.parser = parser;
  }

  @Override
  public boolean hasNext() {
    while (next == null && !done) {
      RawRecord r;
      try {
        r = source.next();
      } catch (IOException e) {
        close();
        throw new SquallException("cannot read " + file + ": " + e.getMessage(), e);
      }
      if (r == null) {
        close();
        break;
      }
      if (r.text().isBlank()) {
        continue;
      }
      try {
        next = parser.parse(r);
      } catch (BadField e) {
        DataFormatException ex = new DataFormatException(file, r.line(), e.field(), e.getMessage());
        if (strictness == Strictness.STRICT) {
          close();
          throw ex;
        }
        skipped++;
        if (problems.size() < KEPT_PROBLEMS) {
          problems.add(ex.getMessage());
        }
      }
    }
    return next != null;
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more rows in " + file);
    }
    T t = next;
    next = null;
    rows++;
    return t;
  }

  /** Number of records skipped as malformed so far (always 0 in strict mode). */
  public long skipped() {
    return skipped;
  }

  /** Number of rows returned so far. */
  public long rowsRead() {
    return rows;
  }

  /** The first {@value #KEPT_PROBLEMS} skipped records' messages ({@code file:line: field ...}). */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** The remaining rows as a sequential stream; closing the stream closes this reader. */
  public Stream<T> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(this::close);
  }

  /** Reads all remaining rows into a list (for small files and tests). */
  public List<T> toList() {
    List<T> out = new ArrayList<>();
    forEachRemaining(out::add);
    return out;
  }

  @Override
  public void close() {
    done = true;
    try {
      source.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file, e);
    }
  }
}
