package dev.squall.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.model.ModelFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextTokenizerTest {
  @TempDir static Path dir;
  static TextTokenizer tok;
  static ChatTemplate template;

  @BeforeAll
  static void build() {
    Path p = dir.resolve("tokenizer.json");
    new TokenizerBuilder().vocabularySize(512).addCorpus(TokenizerBuilderTest.corpus()).write(p);
    tok = TextTokenizer.load(p);
    Path c = dir.resolve("tokenizer_config.json");
    TokenizerBuilder.writeLlama3Config(c);
    template = ChatTemplate.forConfig(TokenizerConfig.read(c), ChatTemplateTest.CLOCK);
  }

  @AfterAll
  static void close() {
    tok.close();
  }

  @Test
  void renderedPromptHasExactlyOneBos() {
    String text = template.render(ChatTemplateTest.BASIC, true);
    long[] ids = tok.encode(text);
    assertEquals(0, ids[0], "starts with <|begin_of_text|>");
    long bos = java.util.Arrays.stream(ids).filter(i -> i == 0).count();
    assertEquals(1, bos, "exactly one BOS");
    long eot = java.util.Arrays.stream(ids).filter(i -> i == 4).count();
    assertEquals(3, eot);
    assertEquals(text, tok.decode(ids), "decode keeps special tokens");
    // header tokens are single ids: <|start_header_id|> user <|end_header_id|> \n\n
    assertEquals(2, ids[1]);
    assertEquals(3, ids[1 + tok.encode("user").length + 1]);
  }

  @Test
  void encodeAllMatchesEncode() {
    List<String> texts = List.of("What is 12 plus 30?", "", " 解 😀 ", "<|eot_id|>");
    List<long[]> all = tok.encodeAll(texts);
    assertEquals(texts.size(), all.size());
    for (int i = 0; i < texts.size(); i++) {
      assertArrayEquals(tok.encode(texts.get(i)), all.get(i), texts.get(i));
    }
    assertTrue(tok.encodeAll(List.of()).isEmpty());
  }

  @Test
  void noPaddingOrTruncation() {
    String longText = "1".repeat(3000);
    assertEquals(3000, tok.encode(longText).length);
    List<long[]> all = tok.encodeAll(List.of("1", "12345"));
    assertEquals(1, all.get(0).length);
    assertEquals(5, all.get(1).length);
  }

  @Test
  void concurrentEncodingIsConsistent() throws Exception {
    List<String> texts = TokenizerBuilderTest.corpus();
    List<long[]> expected = new ArrayList<>();
    for (String t : texts) {
      expected.add(tok.encode(t));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int k = 0; k < 4; k++) {
        results.add(pool.submit(() -> {
          for (int i = 0; i < texts.size(); i++) {
            if (!java.util.Arrays.equals(expected.get(i), tok.encode(texts.get(i)))
                || !texts.get(i).equals(tok.decode(expected.get(i)))) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> f : results) {
        assertTrue(f.get());
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void missingFileNamesTheFile() {
    Path missing = dir.resolve("nope/tokenizer.json");
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> TextTokenizer.load(missing));
    assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("not exist"),
        e.getMessage());
    assertThrows(ModelFormatException.class, () -> TextTokenizer.load(dir));
  }

  @Test
  void malformedJsonNamesTheFile() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"model\": {\"type\": \"Unigram\", \"vocab\": [", StandardCharsets.UTF_8);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> TextTokenizer.load(bad));
    assertTrue(e.getMessage().contains(bad.toString()) && e.getMessage().contains("JSON"),
        e.getMessage());
  }

  @Test
  void jsonWithoutModelNamesTheField() throws Exception {
    Path bad = dir.resolve("nomodel.json");
    Files.writeString(bad, "{\"version\": \"1.0\"}", StandardCharsets.UTF_8);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> TextTokenizer.load(bad));
    assertTrue(e.getMessage().contains(bad.toString()) && e.getMessage().contains("model"),
        e.getMessage());
  }

  @Test
  void structurallyWrongTokenizerIsRejectedWithoutCrashing() throws Exception {
    Path bad = dir.resolve("wrongtype.json");
    Files.writeString(bad, "{\"model\": {\"type\": \"NoSuchModel\", \"vocab\": {\"a\": 0}}}",
        StandardCharsets.UTF_8);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> TextTokenizer.load(bad));
    assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
  }

  @Test
  void reportsPath() {
    assertEquals(dir.resolve("tokenizer.json"), tok.path());
  }
}
