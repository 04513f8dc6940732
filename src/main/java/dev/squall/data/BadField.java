package dev.squall.data;

/** Thrown by record parsers for one bad field; the reader adds file and line. */
final class BadField extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;

  BadField(String field, String problem) {
    super(problem, null, false, false);
    this.field = field;
  }

  String field() {
    return field;
  }
}
