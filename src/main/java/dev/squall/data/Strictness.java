package dev.squall.data;

/** What a loader does with a malformed record. */
public enum Strictness {
  /** Throw a {@link DataFormatException} naming file, line and field (default). */
  STRICT,
  /** Skip the record and count it ({@link RowReader#skipped()}). */
  LENIENT
}
