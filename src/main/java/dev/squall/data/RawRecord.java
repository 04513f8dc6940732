package dev.squall.data;

/** The text of one record and the 1-based line it starts on. */
record RawRecord(long line, String text) {}
