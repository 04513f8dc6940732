package dev.squall.model.safetensors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds safetensors bytes by hand, so reader tests do not depend on our writer. */
final class Raw {
  private Raw() {}

  /** Length field of {@code header}'s UTF-8 size, then the header, then {@code data}. */
  static byte[] file(String header, byte[] data) {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    return file(h.length, h, data);
  }

  /** An arbitrary (possibly lying) length field, then {@code header}, then {@code data}. */
  static byte[] file(long headerLength, byte[] header, byte[] data) {
    ByteBuffer b =
        ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(headerLength).put(header).put(data);
    return b.array();
  }

  static Path write(Path dir, String name, byte[] bytes) {
    try {
      return Files.write(dir.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Little-endian 16-bit words. */
  static byte[] u16(int... words) {
    ByteBuffer b = ByteBuffer.allocate(2 * words.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int w : words) {
      b.putShort((short) w);
    }
    return b.array();
  }

  static byte[] f32(float... values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  static byte[] f64(double... values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : values) {
      b.putDouble(v);
    }
    return b.array();
  }

  static byte[] i64(long... values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      b.putLong(v);
    }
    return b.array();
  }

  static byte[] zeros(int n) {
    return new byte[n];
  }

  /** A one-tensor header: {@code {"name": {"dtype": .., "shape": .., "data_offsets": ..}}}. */
  static String entry(String name, String dtype, String shape, String offsets) {
    return "{\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape
        + ",\"data_offsets\":" + offsets + "}}";
  }
}
