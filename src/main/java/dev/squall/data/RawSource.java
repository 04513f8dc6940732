package dev.squall.data;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;

/** Splits a character stream into records: one per line, or CSV records spanning quoted lines. */
abstract class RawSource implements Closeable {
  private final BufferedReader reader;
  private long line;

  RawSource(BufferedReader reader) {
    this.reader = reader;
  }

  /** The next record, or null at the end. */
  abstract RawRecord next() throws IOException;

  /** The next physical line, or null at the end. */
  String readLine() throws IOException {
    String s = reader.readLine();
    if (s != null) {
      line++;
    }
    return s;
  }

  long line() {
    return line;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }

  /** One record per line (JSON Lines). */
  static RawSource lines(BufferedReader r) {
    return new RawSource(r) {
      @Override
      RawRecord next() throws IOException {
        String s = readLine();
        return s == null ? null : new RawRecord(line(), s);
      }
    };
  }

  /**
   * CSV records (RFC 4180): a record continues onto the next line while a quoted field is open.
   * An unterminated quote at the end of the file ends the record there (and its parse fails).
   */
  static RawSource csv(BufferedReader r) {
    return new RawSource(r) {
      @Override
      RawRecord next() throws IOException {
        String s = readLine();
        if (s == null) {
          return null;
        }
        long start = line();
        StringBuilder sb = new StringBuilder(s);
        int quotes = count(s);
        while (quotes % 2 == 1) {
          String more = readLine();
          if (more == null) {
            break;
          }
          sb.append('\n').append(more);
          quotes += count(more);
        }
        return new RawRecord(start, sb.toString());
      }
    };
  }

  private static int count(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      n += s.charAt(i) == '"' ? 1 : 0;
    }
    return n;
  }
}
