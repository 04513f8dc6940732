package dev.squall.model.safetensors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
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

  /** A factory whose parsers reject duplicate keys. */
  static JsonFactory factory() {
    JsonFactory f = new JsonFactory();
    f.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return f;
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
  static ModelFormatException invalid(String where, IOException e) {
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
