package dev.squall.model.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FloatCodecTest {

  @Test
  void everyHalfSurvivesWideningAndNarrowing() {
    for (int h = 0; h < 0x10000; h++) {
      float f = FloatCodec.halfToFloat(h);
      if (Float.isNaN(f)) {
        assertTrue(Float.isNaN(FloatCodec.halfToFloat(FloatCodec.floatToHalf(f))), "NaN " + h);
      } else {
        assertEquals(h, FloatCodec.floatToHalf(f) & 0xFFFF, "half bits 0x" + Integer.toHexString(h));
      }
    }
  }

  @Test
  void everyBf16SurvivesWideningAndNarrowing() {
    for (int h = 0; h < 0x10000; h++) {
      float f = FloatCodec.bf16ToFloat(h);
      if (Float.isNaN(f)) {
        assertTrue(Float.isNaN(FloatCodec.bf16ToFloat(FloatCodec.floatToBf16(f))), "NaN " + h);
      } else {
        assertEquals(h, FloatCodec.floatToBf16(f) & 0xFFFF, "bf16 bits 0x" + Integer.toHexString(h));
      }
    }
  }

  @Test
  void halfRoundsToNearestTiesToEven() {
    assertEquals(0x3C00, half(1f + 0x1p-11f)); // tie between 1 and 1+2^-10: even is 1
    assertEquals(0x3C02, half(1f + 3 * 0x1p-11f)); // tie: even is 1+2^-9
    assertEquals(0x3C01, half(1f + 0x1p-11f + 0x1p-20f)); // just above the tie
    assertEquals(0x7BFF, half(65519f)); // below the tie with infinity
    assertEquals(0x7C00, half(65520f)); // tie at the top rounds to even: infinity
    assertEquals(0x7C00, half(1e10f));
    assertEquals(0xFC00, half(-1e10f));
    assertEquals(0x7C00, half(Float.POSITIVE_INFINITY));
    assertEquals(0x0000, half(0x1p-25f)); // half the smallest subnormal: tie to even zero
    assertEquals(0x0001, half(0x1p-25f + 0x1p-30f));
    assertEquals(0x0002, half(3 * 0x1p-25f)); // tie between 1 and 2 units: even is 2
    assertEquals(0x0400, half(0x1p-14f - 0x1p-26f)); // rounds up into the smallest normal
    assertEquals(0x8000, half(-0f));
    assertEquals(0x0000, half(Float.MIN_VALUE));
    assertEquals(0x7C00, FloatCodec.floatToHalf(Float.NaN) & 0x7C00);
    assertTrue((FloatCodec.floatToHalf(Float.NaN) & 0x3FF) != 0, "NaN keeps a mantissa bit");
  }

  @Test
  void bf16RoundsToNearestTiesToEven() {
    assertEquals(0x3F80, bf16(Float.intBitsToFloat(0x3F808000))); // tie: even
    assertEquals(0x3F82, bf16(Float.intBitsToFloat(0x3F818000))); // tie: even upwards
    assertEquals(0x3F81, bf16(Float.intBitsToFloat(0x3F808001)));
    assertEquals(0x7F80, bf16(Float.MAX_VALUE)); // overflows to infinity
    assertEquals(0xFF80, bf16(Float.NEGATIVE_INFINITY));
    assertTrue(Float.isNaN(FloatCodec.bf16ToFloat(FloatCodec.floatToBf16(Float.NaN))));
    // a NaN whose payload sits only in the low bits must not become infinity
    float lowNan = Float.intBitsToFloat(0x7F800001);
    assertTrue(Float.isNaN(FloatCodec.bf16ToFloat(FloatCodec.floatToBf16(lowNan))));
  }

  /** Random floats: the chosen half is no farther than either neighbour, ties go to even. */
  @Test
  void halfIsNearestForRandomFloats() {
    Random r = new Random(7);
    for (int i = 0; i < 200_000; i++) {
      float f = Float.intBitsToFloat((r.nextInt() & 0x8FFFFFFF) | 0x30000000); // ~2^-31..2^32
      if (!Float.isFinite(f)) {
        continue;
      }
      int h = FloatCodec.floatToHalf(f) & 0xFFFF;
      double got = FloatCodec.halfToFloat(h);
      if (Double.isInfinite(got)) {
        assertTrue(Math.abs(f) >= 65520f, "inf only from >= 65520: " + f);
        continue;
      }
      double err = Math.abs(got - f);
      for (int n : new int[] {h - 1, h + 1}) {
        if ((n & 0x7FFF) >= 0x7C00 || (n & 0xFFFF) != n || ((n ^ h) & 0x8000) != 0) {
          continue;
        }
        double other = Math.abs(FloatCodec.halfToFloat(n) - (double) f);
        assertTrue(err < other || (err == other && (h & 1) == 0),
            f + " -> 0x" + Integer.toHexString(h) + " but 0x" + Integer.toHexString(n)
                + " is nearer");
      }
    }
  }

  private static int half(float f) {
    return FloatCodec.floatToHalf(f) & 0xFFFF;
  }

  private static int bf16(float f) {
    return FloatCodec.floatToBf16(f) & 0xFFFF;
  }
}
