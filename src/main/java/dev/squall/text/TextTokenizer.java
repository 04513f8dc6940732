package dev.squall.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.squall.model.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Hugging Face tokenizer loaded offline from a local {@code tokenizer.json} through DJL, with
 * no padding, no truncation and no special tokens added: {@link #encode} returns exactly the
 * tokens of the text (a chat template already wrote the BOS, so a rendered prompt has exactly one).
 * Special-token strings inside the text (such as {@code <|eot_id|>}) become their special ids, as
 * in Python transformers.
 *
 * <p>Thread-safety: encode, decode and lookups may run from several threads at once (observed
 * with DJL 0.36; the native tokenizer is immutable after loading). {@link #close} must not race
 * with other calls; using the tokenizer after close throws.
 */
public final class TextTokenizer implements AutoCloseable {

  private final Path path;
  private final HuggingFaceTokenizer tokenizer;
  private final Map<String, Integer> vocab;
  private final int vocabSize;

  private TextTokenizer(Path path, HuggingFaceTokenizer tokenizer, Map<String, Integer> vocab) {
    this.path = path;
    this.tokenizer = tokenizer;
    this.vocab = vocab;
    int max = -1;
    for (int id : vocab.values()) {
      max = Math.max(max, id);
    }
    this.vocabSize = max + 1;
  }

  /**
   * Loads a tokenizer from a local {@code tokenizer.json}; never touches the network.
   *
   * @throws ModelFormatException if the file is missing, is not JSON, has no {@code model}, or
   *     the tokenizers library rejects it; the message names the file
   */
  public static TextTokenizer load(Path tokenizerJson) {
    Objects.requireNonNull(tokenizerJson, "tokenizerJson");
    if (!Files.isRegularFile(tokenizerJson)) {
      throw new ModelFormatException("tokenizer file " + tokenizerJson
          + (Files.exists(tokenizerJson) ? " is not a regular file" : " does not exist"));
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readAllBytes(tokenizerJson));
    } catch (JsonProcessingException e) {
      throw new ModelFormatException(
          "tokenizer file " + tokenizerJson + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ModelFormatException("cannot read tokenizer file " + tokenizerJson + ": " + e, e);
    }
    Map<String, Integer> vocab = vocabulary(tokenizerJson, root);
    HuggingFaceTokenizer tok;
    try {
      tok = HuggingFaceTokenizer.builder()
          .optTokenizerPath(tokenizerJson)
          .optAddSpecialTokens(false)
          .optPadding(false)
          .optTruncation(false)
          .build();
    } catch (IOException | RuntimeException e) {
      throw new ModelFormatException(
          "tokenizer file " + tokenizerJson + " was rejected by the tokenizers library: " + e, e);
    }
    return new TextTokenizer(tokenizerJson, tok, vocab);
  }

  private static Map<String, Integer> vocabulary(Path file, JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new ModelFormatException("tokenizer file " + file + ": top level must be an object");
    }
    JsonNode model = root.get("model");
    if (model == null || !model.isObject()) {
      throw new ModelFormatException("tokenizer file " + file + ": missing object field 'model'");
    }
    Map<String, Integer> vocab = new HashMap<>();
    JsonNode v = model.get("vocab");
    if (v != null && v.isArray()) { // Unigram: [[piece, score], ...], id = index
      for (int i = 0; i < v.size(); i++) {
        JsonNode e = v.get(i);
        if (!e.isArray() || e.size() < 1 || !e.get(0).isTextual()) {
          throw new ModelFormatException(
              "tokenizer file " + file + ": field 'model.vocab[" + i + "]' must be [piece, score]");
        }
        vocab.putIfAbsent(e.get(0).textValue(), i);
      }
    } else if (v != null && v.isObject()) { // BPE, WordPiece, WordLevel: {piece: id}
      for (Map.Entry<String, JsonNode> e : v.properties()) {
        if (!e.getValue().canConvertToInt()) {
          throw new ModelFormatException("tokenizer file " + file + ": field 'model.vocab."
              + e.getKey() + "' must be an integer id");
        }
        vocab.put(e.getKey(), e.getValue().intValue());
      }
    } else {
      throw new ModelFormatException(
          "tokenizer file " + file + ": missing field 'model.vocab' (array or object)");
    }
    JsonNode added = root.get("added_tokens");
    if (added != null && added.isArray()) {
      for (int i = 0; i < added.size(); i++) {
        JsonNode t = added.get(i);
        if (!t.path("id").canConvertToInt() || !t.path("content").isTextual()) {
          throw new ModelFormatException("tokenizer file " + file + ": field 'added_tokens[" + i
              + "]' must have an integer 'id' and a string 'content'");
        }
        vocab.put(t.get("content").textValue(), t.get("id").intValue());
      }
    }
    return Map.copyOf(vocab);
  }

  /** The tokens of {@code text}; never adds special tokens, never pads or truncates. */
  public long[] encode(String text) {
    return tokenizer.encode(Objects.requireNonNull(text, "text"), false, false).getIds();
  }

  /** {@link #encode} of each text, in one native batch call. */
  public List<long[]> encodeAll(List<String> texts) {
    if (texts.isEmpty()) {
      return List.of();
    }
    Encoding[] encodings = tokenizer.batchEncode(texts, false, false);
    List<long[]> out = new ArrayList<>(encodings.length);
    for (Encoding e : encodings) {
      out.add(e.getIds());
    }
    return out;
  }

  /** The text of {@code ids}; special tokens are kept, not skipped. */
  public String decode(long[] ids) {
    return tokenizer.decode(ids, false);
  }

  /**
   * The id of a vocabulary entry or added token, spelled as in {@code tokenizer.json} (so
   * byte-level pieces use the byte-level alphabet, e.g. {@code "Ġthe"}); -1 if there is none.
   */
  public int tokenId(String token) {
    Integer id = vocab.get(token);
    return id == null ? -1 : id;
  }

  /** Number of ids: one more than the largest id of the model vocabulary and added tokens. */
  public int vocabSize() {
    return vocabSize;
  }

  /** The {@code tokenizer.json} this was loaded from. */
  public Path path() {
    return path;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
