package dev.squall.model.safetensors;

import dev.squall.model.ModelFormatException;

/**
 * The element types of the safetensors format, named exactly as they are spelled in a header.
 *
 * <p>Immutable and thread-safe.
 */
public enum DType {
  BOOL(1),
  U8(1),
  I8(1),
  I16(2),
  U16(2),
  I32(4),
  U32(4),
  I64(8),
  U64(8),
  F16(2),
  BF16(2),
  F32(4),
  F64(8),
  F8_E4M3(1),
  F8_E5M2(1);

  private final int byteSize;

  DType(int byteSize) {
    this.byteSize = byteSize;
  }

  /** Bytes taken by one element. */
  public int byteSize() {
    return byteSize;
  }

  /** Whether {@link SafetensorsFile#read} can convert this type to float32 (F16, BF16, F32, F64). */
  public boolean isFloat() {
    return this == F16 || this == BF16 || this == F32 || this == F64;
  }

  /**
   * The type spelled {@code s} in a header (case-sensitive).
   *
   * @param s the header's spelling; may be null (rejected)
   * @param where what is being parsed, e.g. file and tensor, put in the error message
   * @throws ModelFormatException if {@code s} is not a safetensors dtype
   */
  public static DType parse(String s, String where) {
    if (s != null) {
      for (DType t : values()) {
        if (t.name().equals(s)) {
          return t;
        }
      }
    }
    throw new ModelFormatException(
        where + ": unknown dtype " + (s == null ? "null" : '"' + s + '"') + ", expected one of "
            + java.util.Arrays.toString(values()));
  }
}
