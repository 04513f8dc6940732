package dev.squall.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.model.ModelFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The parts of a Hugging Face {@code tokenizer_config.json} that Squall uses: the special token
 * strings, the chat template, whether the tokenizer adds a BOS token, and the special added tokens
 * by id.
 *
 * <p>Nullness: {@code bosToken}, {@code eosToken}, {@code padToken}, {@code unkToken} and {@code
 * chatTemplate} are {@code null} when the file does not set them (or sets them to JSON null).
 * {@code specialTokens} is never null; it holds only the {@code added_tokens_decoder} entries marked
 * {@code "special": true}, as an unmodifiable map sorted by id. {@code addBosToken} is {@code false}
 * when the file does not set {@code add_bos_token}.
 *
 * <p>Immutable and thread-safe.
 */
public record TokenizerConfig(
    String bosToken,
    String eosToken,
    String padToken,
    String unkToken,
    String chatTemplate,
    boolean addBosToken,
    Map<Integer, String> specialTokens) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public TokenizerConfig {
    Objects.requireNonNull(specialTokens, "specialTokens");
    specialTokens = Collections.unmodifiableMap(new TreeMap<>(specialTokens));
  }

  /** A config with no special tokens, no chat template and {@code addBosToken == false}. */
  public static TokenizerConfig empty() {
    return new TokenizerConfig(null, null, null, null, null, false, Map.of());
  }

  /** This config with another chat template ({@code null} to remove it). */
  public TokenizerConfig withChatTemplate(String template) {
    return new TokenizerConfig(
        bosToken, eosToken, padToken, unkToken, template, addBosToken, specialTokens);
  }

  /**
   * Reads a Hugging Face {@code tokenizer_config.json}.
   *
   * <p>Token fields may be plain strings or AddedToken objects ({@code {"content": "...", ...}});
   * {@code chat_template} may be a string or a list of {@code {"name", "template"}} objects, of
   * which the one named {@code "default"} is taken, else the first.
   *
   * @throws ModelFormatException if the file is missing, is not JSON, or a field has the wrong
   *     shape; the message names the file and the field
   */
  public static TokenizerConfig read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new ModelFormatException("tokenizer config " + file + " does not exist", e);
    } catch (JsonProcessingException e) {
      throw new ModelFormatException(
          "tokenizer config " + file + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ModelFormatException("cannot read tokenizer config " + file + ": " + e, e);
    }
    if (root == null || !root.isObject()) {
      throw new ModelFormatException(
          "tokenizer config " + file + ": top level must be a JSON object");
    }
    return new TokenizerConfig(
        token(file, root, "bos_token"),
        token(file, root, "eos_token"),
        token(file, root, "pad_token"),
        token(file, root, "unk_token"),
        chatTemplate(file, root.get("chat_template")),
        addBos(file, root.get("add_bos_token")),
        specialTokens(file, root.get("added_tokens_decoder")));
  }

  /**
   * Writes this config as a valid {@code tokenizer_config.json} that Python transformers loads
   * ({@code tokenizer_class} {@code PreTrainedTokenizerFast}). The output is deterministic: the
   * same config always gives the same bytes (UTF-8, {@code \n} line ends).
   *
   * @throws ModelFormatException if the file cannot be written
   */
  public void write(Path file) {
    ObjectNode root = JSON.createObjectNode();
    root.put("add_bos_token", addBosToken);
    root.put("add_eos_token", false);
    ObjectNode decoder = root.putObject("added_tokens_decoder");
    specialTokens.forEach(
        (id, content) -> {
          ObjectNode t = decoder.putObject(Integer.toString(id));
          t.put("content", content);
          t.put("lstrip", false);
          t.put("normalized", false);
          t.put("rstrip", false);
          t.put("single_word", false);
          t.put("special", true);
        });
    putNullable(root, "bos_token", bosToken);
    putNullable(root, "chat_template", chatTemplate);
    root.put("clean_up_tokenization_spaces", false);
    putNullable(root, "eos_token", eosToken);
    putNullable(root, "pad_token", padToken);
    root.put("tokenizer_class", "PreTrainedTokenizerFast");
    putNullable(root, "unk_token", unkToken);
    DefaultPrettyPrinter pp =
        new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    try {
      String text = JSON.writer(pp).writeValueAsString(root) + "\n";
      Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ModelFormatException("cannot write tokenizer config " + file + ": " + e, e);
    }
  }

  private static void putNullable(ObjectNode node, String field, String value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  private static String token(Path file, JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isTextual()) {
      return n.textValue();
    }
    if (n.isObject() && n.get("content") != null && n.get("content").isTextual()) {
      return n.get("content").textValue();
    }
    throw new ModelFormatException(
        "tokenizer config " + file + ": field '" + field
            + "' must be a string or an AddedToken object with a string 'content', got "
            + abbreviate(n));
  }

  private static String chatTemplate(Path file, JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isTextual()) {
      return n.textValue();
    }
    if (n.isArray()) {
      String first = null;
      for (int i = 0; i < n.size(); i++) {
        JsonNode e = n.get(i);
        JsonNode name = e.get("name");
        JsonNode template = e.get("template");
        if (!e.isObject() || template == null || !template.isTextual()
            || (name != null && !name.isNull() && !name.isTextual())) {
          throw new ModelFormatException(
              "tokenizer config " + file + ": field 'chat_template[" + i
                  + "]' must be an object with a string 'template' and a string 'name', got "
                  + abbreviate(e));
        }
        if (name != null && "default".equals(name.textValue())) {
          return template.textValue();
        }
        if (first == null) {
          first = template.textValue();
        }
      }
      return first;
    }
    throw new ModelFormatException(
        "tokenizer config " + file
            + ": field 'chat_template' must be a string or a list of {name, template}, got "
            + abbreviate(n));
  }

  private static boolean addBos(Path file, JsonNode n) {
    if (n == null || n.isNull()) {
      return false;
    }
    if (!n.isBoolean()) {
      throw new ModelFormatException(
          "tokenizer config " + file + ": field 'add_bos_token' must be a boolean, got "
              + abbreviate(n));
    }
    return n.booleanValue();
  }

  private static Map<Integer, String> specialTokens(Path file, JsonNode n) {
    Map<Integer, String> out = new TreeMap<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isObject()) {
      throw new ModelFormatException(
          "tokenizer config " + file + ": field 'added_tokens_decoder' must be an object, got "
              + abbreviate(n));
    }
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      String where = "added_tokens_decoder." + e.getKey();
      int id;
      try {
        id = Integer.parseInt(e.getKey());
      } catch (NumberFormatException ex) {
        throw new ModelFormatException(
            "tokenizer config " + file + ": field '" + where + "' key must be a token id");
      }
      if (id < 0) {
        throw new ModelFormatException(
            "tokenizer config " + file + ": field '" + where + "' token id must be >= 0");
      }
      JsonNode v = e.getValue();
      JsonNode content = v.get("content");
      JsonNode special = v.get("special");
      if (!v.isObject() || content == null || !content.isTextual()) {
        throw new ModelFormatException(
            "tokenizer config " + file + ": field '" + where
                + "' must be an object with a string 'content', got " + abbreviate(v));
      }
      if (special != null && !special.isNull() && !special.isBoolean()) {
        throw new ModelFormatException(
            "tokenizer config " + file + ": field '" + where + ".special' must be a boolean, got "
                + abbreviate(special));
      }
      if (special != null && special.booleanValue()) {
        out.put(id, content.textValue());
      }
    }
    return out;
  }

  private static String abbreviate(JsonNode n) {
    String s = n.toString();
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
