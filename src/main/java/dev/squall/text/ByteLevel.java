package dev.squall.text;

import java.nio.charset.StandardCharsets;

/**
 * GPT-2's byte-to-character alphabet, as used by the Hugging Face {@code ByteLevel}
 * pre-tokenizer and decoder: printable Latin-1 bytes map to themselves, the other bytes to
 * U+0100 onwards, in byte order. Stateless; thread-safe.
 */
final class ByteLevel {
  private ByteLevel() {}

  private static final char[] TABLE = table();

  private static char[] table() {
    char[] t = new char[256];
    int next = 256;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE);
      t[b] = (char) (printable ? b : next++);
    }
    return t;
  }

  /** The character that stands for byte {@code b} (0..255). */
  static char charOf(int b) {
    return TABLE[b];
  }

  /** The byte-level spelling of {@code text}'s UTF-8 bytes. */
  static String encode(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      sb.append(TABLE[b & 0xFF]);
    }
    return sb.toString();
  }
}
