package dev.squall;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Derives independent seeds from a base seed and a path of parts (a request's text, a sample
 * index, a split name...), so a result depends on what it is, not on batch order or threading.
 */
public final class Seeds {
  private Seeds() {}

  /** A 64-bit seed from SHA-256 of the base seed and the parts' string forms. */
  public static long derive(long seed, Object... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(ByteBuffer.allocate(8).putLong(seed).array());
      for (Object p : parts) {
        byte[] b = String.valueOf(p).getBytes(StandardCharsets.UTF_8);
        md.update(ByteBuffer.allocate(4).putInt(b.length).array());
        md.update(b);
      }
      return ByteBuffer.wrap(md.digest()).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
