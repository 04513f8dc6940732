package dev.squall.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.model.ModelFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerConfigTest {
  @TempDir Path dir;

  private Path file(String json) throws Exception {
    Path p = dir.resolve("tokenizer_config.json");
    Files.writeString(p, json, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void readsStringAndObjectTokens() throws Exception {
    TokenizerConfig c = TokenizerConfig.read(file("""
        {"add_bos_token": true,
         "bos_token": {"__type": "AddedToken", "content": "<s>", "lstrip": false, "special": true},
         "eos_token": "</s>",
         "pad_token": null,
         "chat_template": "{{ bos_token }}",
         "added_tokens_decoder": {
           "0": {"content": "<unk>", "special": true},
           "1": {"content": "<s>", "special": true},
           "32000": {"content": "<extra>", "special": false},
           "32001": {"content": "<tool>"}}}
        """));
    assertEquals("<s>", c.bosToken());
    assertEquals("</s>", c.eosToken());
    assertNull(c.padToken());
    assertNull(c.unkToken());
    assertTrue(c.addBosToken());
    assertEquals("{{ bos_token }}", c.chatTemplate());
    assertEquals(Map.of(0, "<unk>", 1, "<s>"), c.specialTokens());
  }

  @Test
  void listFormChatTemplateTakesDefaultElseFirst() throws Exception {
    TokenizerConfig c = TokenizerConfig.read(file("""
        {"chat_template": [{"name": "tool_use", "template": "T"},
                           {"name": "default", "template": "D"}]}"""));
    assertEquals("D", c.chatTemplate());
    c = TokenizerConfig.read(file("""
        {"chat_template": [{"name": "rag", "template": "R"}, {"name": "x", "template": "X"}]}"""));
    assertEquals("R", c.chatTemplate());
  }

  @Test
  void absentFieldsAreNullOrFalse() throws Exception {
    TokenizerConfig c = TokenizerConfig.read(file("{}"));
    assertEquals(TokenizerConfig.empty(), c);
    assertFalse(c.addBosToken());
    assertNull(c.chatTemplate());
    assertTrue(c.specialTokens().isEmpty());
  }

  @Test
  void malformedFieldNamesFileAndField() throws Exception {
    Path p = file("{\"eos_token\": 7}");
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> TokenizerConfig.read(p));
    assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("eos_token"),
        e.getMessage());
    Path q = file("{\"chat_template\": [{\"name\": \"default\"}]}");
    e = assertThrows(ModelFormatException.class, () -> TokenizerConfig.read(q));
    assertTrue(e.getMessage().contains("chat_template[0]"), e.getMessage());
    Path r = file("{\"added_tokens_decoder\": {\"abc\": {\"content\": \"x\"}}}");
    e = assertThrows(ModelFormatException.class, () -> TokenizerConfig.read(r));
    assertTrue(e.getMessage().contains("added_tokens_decoder.abc"), e.getMessage());
    Path s = file("{\"add_bos_token\": \"yes\"}");
    e = assertThrows(ModelFormatException.class, () -> TokenizerConfig.read(s));
    assertTrue(e.getMessage().contains("add_bos_token"), e.getMessage());
  }

  @Test
  void invalidJsonAndMissingFileNameTheFile() throws Exception {
    Path p = file("{\"eos_token\": ");
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> TokenizerConfig.read(p));
    assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("JSON"),
        e.getMessage());
    Path missing = dir.resolve("absent.json");
    e = assertThrows(ModelFormatException.class, () -> TokenizerConfig.read(missing));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    Path array = file("[]");
    assertThrows(ModelFormatException.class, () -> TokenizerConfig.read(array));
  }

  @Test
  void writeThenReadRoundTripsDeterministically() throws Exception {
    TokenizerConfig c = new TokenizerConfig("<s>", "</s>", "<pad>", "<unk>",
        "{{ '\\n' }}\n\"quoted\" 解", true, Map.of(2, "</s>", 1, "<s>"));
    Path a = dir.resolve("a.json");
    Path b = dir.resolve("b.json");
    c.write(a);
    c.write(b);
    assertEquals(c, TokenizerConfig.read(a));
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    TokenizerConfig.empty().write(a);
    assertEquals(TokenizerConfig.empty(), TokenizerConfig.read(a));
  }

  @Test
  void llama3ConfigForGeneratedModels() {
    Path p = dir.resolve("llama3.json");
    TokenizerBuilder.writeLlama3Config(p);
    TokenizerConfig c = TokenizerConfig.read(p);
    assertEquals("<|begin_of_text|>", c.bosToken());
    assertEquals("<|eot_id|>", c.eosToken());
    assertEquals("<|pad|>", c.padToken());
    assertEquals(ChatTemplate.LLAMA3_TEMPLATE, c.chatTemplate());
    assertEquals(TokenizerBuilder.SPECIAL_TOKENS.get(4), c.specialTokens().get(4));
    assertEquals(6, c.specialTokens().size());
  }
}
