package dev.squall.model.safetensors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.squall.model.ModelFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict JSON plumbing shared by the reader and the index loader: UTF-8 is decoded with errors
 * reported, duplicate keys are rejected. Stateless and thread-safe (each call makes its own
 * factory, so no shared mutable state).
 */
final class Json {
  private Json() {}

  /** Longest tensor name quoted in an error message before it is cut. */
  private static final int MAX_QUOTED = 200;

  /**
   * A factory whose parsers reject duplicate keys. Field names are not canonicalized: that symbol
   * table is what colliding keys in a hostile header would attack.
   */
  static JsonFactory factory() {
    // StreamReadFeature.STRICT_DUPLICATE_DETECTION is JsonParser.Feature.STRICT_DUPLICATE_DETECTION
    return JsonFactory.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
        .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
        .build();
  }

  /** {@code name} in single quotes, cut short if a hostile file made it huge. */
  static String quote(String name) {
    return "'" + (name.length() <= MAX_QUOTED ? name : name.substring(0, MAX_QUOTED) + "…") + "'";
  }

  /**
   * Reads the current integer token as a long without ever parsing a huge number (jackson-core
   * before 2.15 has no length limit, and BigInteger parsing is quadratic).
   *
   * @return the value, or {@code null} if it does not fit in a long
   */
  static Long longValue(JsonParser p) throws IOException {
    if (p.getTextLength() > 19) { // "-" + 18 digits or 19 digits; JSON forbids leading zeros
      return null;
    }
    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      return null;
    }
    return p.getLongValue();
  }

  /** Decodes {@code bytes} as strict UTF-8, or throws naming {@code where}. */
  static String utf8(byte[] bytes, String where) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ModelFormatException(where + ": header is not valid UTF-8 (" + e + ")", e);
    }
  }

  /** Turns a parse failure into a short message naming {@code where} and the position. */
  static ModelFormatException invalid(String where, Exception e) {
    String detail;
    if (e instanceof JsonProcessingException jpe) {
      JsonLocation loc = jpe.getLocation();
      detail =
          jpe.getOriginalMessage()
              + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr());
    } else {
      detail = String.valueOf(e);
    }
    if (detail.length() > 300) {
      detail = detail.substring(0, 300) + "…";
    }
    return new ModelFormatException(where + ": invalid JSON: " + detail, e);
  }
}
