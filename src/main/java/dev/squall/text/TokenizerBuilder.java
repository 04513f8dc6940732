package dev.squall.text;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.ConfigException;
import dev.squall.model.ModelFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates a Hugging Face {@code tokenizer.json} for Squall's own small models (synthetic worlds
 * of arithmetic and lists).
 *
 * <p>The tokenizer is a Unigram model over the GPT-2 byte-level alphabet:
 *
 * <ul>
 *   <li>pre-tokenizer {@code Sequence[Digits(individual_digits), ByteLevel(use_regex)]}: every
 *       ASCII digit is its own token; the rest is split GPT-2 style (words keep their leading
 *       space) and spelled in the byte-level alphabet;
 *   <li>decoder {@code ByteLevel}, so {@code decode(encode(s)) == s} exactly for every string
 *       (any Unicode, including characters never seen, and any whitespace), because all 256 bytes
 *       are in the vocabulary;
 *   <li>vocabulary, by id: the {@linkplain #SPECIAL_TOKENS special tokens} at ids 0..5; the 256
 *       byte tokens at ids 6..261 (byte {@code b} has id {@code 6 + b}); then multi-byte characters
 *       seen in the corpus and the most frequent corpus pieces (words with their leading space,
 *       punctuation and whitespace runs), most frequent first, up to {@link #vocabularySize}.
 *       Pieces are scored by log-frequency and bytes far lower, so a frequent word is one token.
 * </ul>
 *
 * <p>Special tokens are {@code added_tokens} with {@code "special": true}: {@code
 * <|begin_of_text|>}=0, {@code <|end_of_text|>}=1, {@code <|start_header_id|>}=2, {@code
 * <|end_header_id|>}=3, {@code <|eot_id|>}=4, {@code <|pad|>}=5. No post-processor: encoding never
 * adds tokens (chat templates write the BOS).
 *
 * <p>The output is deterministic: the same settings and corpus (in the same order) give a
 * byte-identical file. Not thread-safe (a mutable builder); use one per thread.
 */
public final class TokenizerBuilder {

  /** The special tokens, in id order: the token at index {@code i} has id {@code i}. */
  public static final List<String> SPECIAL_TOKENS =
      List.of("<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>",
          "<|end_header_id|>", "<|eot_id|>", "<|pad|>");

  /** Id of the first byte token; byte {@code b} has id {@code FIRST_BYTE_ID + b}. */
  public static final int FIRST_BYTE_ID = SPECIAL_TOKENS.size();

  /** The smallest vocabulary: special tokens and the 256 bytes. */
  public static final int MIN_VOCABULARY_SIZE = FIRST_BYTE_ID + 256;

  /** GPT-2's split, which the ByteLevel pre-tokenizer applies (after digits are split off). */
  private static final Pattern GPT2_SPLIT = Pattern.compile(
      "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");

  private int vocabularySize = 1024;
  private final Map<String, Long> pieceCounts = new HashMap<>();
  private final Map<String, Long> charCounts = new HashMap<>();

  /**
   * Largest vocabulary size, special and byte tokens included; at least 262. Default 1024. The
   * vocabulary is smaller when the corpus has fewer distinct pieces.
   */
  public TokenizerBuilder vocabularySize(int size) {
    if (size < MIN_VOCABULARY_SIZE) {
      throw new ConfigException(
          "vocabularySize must be >= " + MIN_VOCABULARY_SIZE + " (6 special + 256 byte tokens), got "
              + size);
    }
    this.vocabularySize = size;
    return this;
  }

  /** Counts the pieces and characters of these texts; may be called several times. */
  public TokenizerBuilder addCorpus(Iterable<String> texts) {
    for (String text : texts) {
      text.codePoints().filter(c -> c > 0x7F)
          .forEach(c -> charCounts.merge(new String(Character.toChars(c)), 1L, Long::sum));
      for (String piece : preTokenize(text)) {
        pieceCounts.merge(piece, 1L, Long::sum);
      }
    }
    return this;
  }

  /** The pre-tokens of {@code text} in plain (not byte-level) spelling, digits alone. */
  static List<String> preTokenize(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || isAsciiDigit(text.charAt(i))) {
        if (i > start) {
          Matcher m = GPT2_SPLIT.matcher(text.substring(start, i));
          while (m.find()) {
            out.add(m.group());
          }
        }
        if (i < text.length()) {
          out.add(text.substring(i, i + 1));
        }
        start = i + 1;
      }
    }
    return out;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * Writes {@code tokenizer.json}.
   *
   * @throws ModelFormatException if the file cannot be written
   */
  public void write(Path tokenizerJson) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    for (int i = 0; i < SPECIAL_TOKENS.size(); i++) {
      ObjectNode t = added.addObject();
      t.put("id", i);
      t.put("content", SPECIAL_TOKENS.get(i));
      t.put("single_word", false);
      t.put("lstrip", false);
      t.put("rstrip", false);
      t.put("normalized", false);
      t.put("special", true);
    }
    root.putNull("normalizer");
    ObjectNode pre = root.putObject("pre_tokenizer");
    pre.put("type", "Sequence");
    ArrayNode pres = pre.putArray("pretokenizers");
    pres.addObject().put("type", "Digits").put("individual_digits", true);
    pres.addObject().put("type", "ByteLevel").put("add_prefix_space", false)
        .put("trim_offsets", false).put("use_regex", true);
    root.putNull("post_processor");
    root.putObject("decoder").put("type", "ByteLevel").put("add_prefix_space", false)
        .put("trim_offsets", false).put("use_regex", true);
    ObjectNode model = root.putObject("model");
    model.put("type", "Unigram");
    model.putNull("unk_id");
    ArrayNode vocab = model.putArray("vocab");
    for (Map.Entry<String, Double> e : vocabulary().entrySet()) {
      vocab.addArray().add(e.getKey()).add(e.getValue());
    }
    model.put("byte_fallback", false);
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try {
      String text = json.writer(pp).writeValueAsString(root) + "\n";
      Files.write(tokenizerJson, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ModelFormatException("cannot write tokenizer " + tokenizerJson + ": " + e, e);
    }
  }

  /** Pieces in byte-level spelling, in id order, with their Unigram scores. */
  private Map<String, Double> vocabulary() {
    long total = 1;
    for (long c : pieceCounts.values()) {
      total += c;
    }
    for (long c : charCounts.values()) {
      total += c;
    }
    double logTotal = Math.log(total);
    // Far below every learned piece (>= -logTotal), so a learned piece beats its bytes.
    double byteScore = -(2 * logTotal + 10);
    java.util.LinkedHashMap<String, Double> v = new java.util.LinkedHashMap<>();
    for (String s : SPECIAL_TOKENS) {
      v.put(s, 0.0);
    }
    for (int b = 0; b < 256; b++) {
      v.put(String.valueOf(ByteLevel.charOf(b)), byteScore);
    }
    Map<String, Long> candidates = new TreeMap<>();
    charCounts.forEach((k, c) -> candidates.merge(ByteLevel.encode(k), c, Math::max));
    pieceCounts.forEach((k, c) -> {
      if (k.codePointCount(0, k.length()) > 1) {
        candidates.merge(ByteLevel.encode(k), c, Long::sum);
      }
    });
    List<Map.Entry<String, Long>> ranked = new ArrayList<>(candidates.entrySet());
    ranked.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
        .thenComparing(Map.Entry.comparingByKey()));
    Set<String> taken = new LinkedHashSet<>(v.keySet());
    for (Map.Entry<String, Long> e : ranked) {
      if (v.size() >= vocabularySize) {
        break;
      }
      if (taken.add(e.getKey())) {
        v.put(e.getKey(), Math.log(e.getValue()) - logTotal);
      }
    }
    return v;
  }

  /**
   * Writes a {@code tokenizer_config.json} for a tokenizer made by this class: BOS {@code
   * <|begin_of_text|>}, EOS {@code <|eot_id|>}, pad {@code <|pad|>}, the special tokens by id,
   * and the Llama-3 chat template ({@link ChatTemplate#LLAMA3_TEMPLATE}), so generated model
   * folders render CLoud prompts exactly like real Llama-3 checkpoints.
   */
  public static void writeLlama3Config(Path tokenizerConfigJson) {
    Map<Integer, String> special = new TreeMap<>();
    for (int i = 0; i < SPECIAL_TOKENS.size(); i++) {
      special.put(i, SPECIAL_TOKENS.get(i));
    }
    new TokenizerConfig("<|begin_of_text|>", "<|eot_id|>", "<|pad|>", null,
        ChatTemplate.LLAMA3_TEMPLATE, false, special).write(tokenizerConfigJson);
  }
}
