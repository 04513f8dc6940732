package dev.squall.model.safetensors;

/**
 * Bit-exact conversions between float32 and the 16-bit float formats (IEEE half and bfloat16).
 * Narrowing rounds to nearest, ties to even; overflow gives infinity; NaN stays NaN (quiet).
 *
 * <p>Stateless and thread-safe.
 */
final class FloatCodec {
  private FloatCodec() {}

  /** The float32 value of bfloat16 bits (low 16 bits of {@code bits}); exact. */
  static float bf16ToFloat(int bits) {
    return Float.intBitsToFloat((bits & 0xFFFF) << 16);
  }

  /** bfloat16 bits of {@code f}, rounded to nearest even. */
  static short floatToBf16(float f) {
    int bits = Float.floatToRawIntBits(f);
    if (Float.isNaN(f)) {
      return (short) ((bits >>> 16) | 0x0040); // keep sign and top payload, force quiet
    }
    int lsb = (bits >>> 16) & 1;
    return (short) ((bits + 0x7FFF + lsb) >>> 16); // carries into the exponent give ±inf
  }

  /** The float32 value of IEEE half bits (low 16 bits of {@code bits}); exact. */
  static float halfToFloat(int bits) {
    int sign = (bits & 0x8000) << 16;
    int exp = (bits >>> 10) & 0x1F;
    int mant = bits & 0x3FF;
    if (exp == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
    }
    if (exp == 0) {
      float v = mant * 0x1p-24f; // zero or subnormal, exact
      return sign != 0 ? -v : v;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }

  /** IEEE half bits of {@code f}, rounded to nearest even. */
  static short floatToHalf(float f) {
    int bits = Float.floatToRawIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int exp = (bits >>> 23) & 0xFF;
    int mant = bits & 0x7FFFFF;
    if (exp == 0xFF) {
      return (short) (mant == 0 ? sign | 0x7C00 : sign | 0x7E00 | (mant >>> 13));
    }
    int e = exp - 127 + 15;
    if (e >= 0x1F) {
      return (short) (sign | 0x7C00);
    }
    if (e <= 0) {
      if (e < -10) {
        return (short) sign; // below half the smallest subnormal: rounds to zero
      }
      int m = mant | 0x800000;
      int shift = 14 - e; // value in units of 2^-24 is m * 2^(e - 14)
      int out = m >>> shift;
      int rem = m & ((1 << shift) - 1);
      int half = 1 << (shift - 1);
      if (rem > half || (rem == half && (out & 1) != 0)) {
        out++; // may reach 0x400, the smallest normal: still the right encoding
      }
      return (short) (sign | out);
    }
    int out = (e << 10) | (mant >>> 13);
    int rem = mant & 0x1FFF;
    if (rem > 0x1000 || (rem == 0x1000 && (out & 1) != 0)) {
      out++; // may carry into the exponent, up to 0x7C00 = infinity
    }
    return (short) (sign | out);
  }
}
