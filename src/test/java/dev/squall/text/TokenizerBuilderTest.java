package dev.squall.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerBuilderTest {
  @TempDir static Path dir;
  static TextTokenizer tok;

  static List<String> corpus() {
    List<String> c = new ArrayList<>();
    Random r = new Random(7);
    for (int i = 0; i < 300; i++) {
      int a = r.nextInt(1000);
      int b = r.nextInt(1000);
      c.add("What is " + a + " plus " + b + "? The answer is " + (a + b) + ".");
      c.add("Sort the list [" + a + ", " + b + "] in ascending order. 解");
    }
    return c;
  }

  @BeforeAll
  static void build() {
    Path p = dir.resolve("tokenizer.json");
    new TokenizerBuilder().vocabularySize(400).addCorpus(corpus()).write(p);
    tok = TextTokenizer.load(p);
  }

  @AfterAll
  static void close() {
    tok.close();
  }

  @Test
  void specialTokensHaveFixedLowIds() {
    for (int i = 0; i < TokenizerBuilder.SPECIAL_TOKENS.size(); i++) {
      String s = TokenizerBuilder.SPECIAL_TOKENS.get(i);
      assertEquals(i, tok.tokenId(s), s);
      assertArrayEquals(new long[] {i}, tok.encode(s), s);
    }
    assertArrayEquals(new long[] {0, 4, 5}, tok.encode("<|begin_of_text|><|eot_id|><|pad|>"));
    assertEquals(-1, tok.tokenId("<|not_a_token|>"));
    assertTrue(tok.vocabSize() > 262 && tok.vocabSize() <= 400, "vocab " + tok.vocabSize());
  }

  @Test
  void digitsSplitOnePerToken() {
    long[] ids = tok.encode("12345");
    assertEquals(5, ids.length);
    for (int i = 0; i < 5; i++) {
      assertEquals(TokenizerBuilder.FIRST_BYTE_ID + '1' + i, ids[i]);
    }
    assertEquals(6, tok.encode("x=1234").length, "x, =, then one token per digit");
  }

  @Test
  void frequentWordsAreSingleTokens() {
    assertEquals(1, tok.encode(" answer").length);
    assertEquals(1, tok.encode(" ascending").length);
    assertEquals(1, tok.encode("What").length);
    assertTrue(tok.tokenId("Ġplus") > 261);
    // "What is 1 plus 2?" -> What, " is", " ", 1, " plus", " ", 2, ?
    assertEquals(8, tok.encode("What is 1 plus 2?").length);
  }

  @Test
  void seenCjkCharacterIsOneToken() {
    assertEquals(1, tok.encode("解").length);
  }

  @Test
  void roundTripsAnyString() {
    Random r = new Random(20240807);
    String[] fixed = {"", " ", "  a  ", "\n\n", " \t\r\n x\u00a0y\u3000", "▁Ġ", "ⅰ½٣",
        "\u202eevil\u202c", "p\u0430ypal", "😀👍🏽", "\u0000\u0001\u007f", "解 12 解",
        "<|eot_id|>critique", "\uFEFFbom", "e\u0301"};
    for (String s : fixed) {
      assertEquals(s, tok.decode(tok.encode(s)), () -> "round trip of " + escape(s));
    }
    for (int i = 0; i < 2000; i++) {
      String s = randomString(r);
      assertEquals(s, tok.decode(tok.encode(s)), () -> "round trip of " + escape(s));
    }
  }

  static String randomString(Random r) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(25);
    for (int j = 0; j < n; j++) {
      switch (r.nextInt(6)) {
        case 0 -> sb.append((char) (' ' + r.nextInt(95)));
        case 1 -> sb.append((char) ('0' + r.nextInt(10)));
        case 2 -> sb.append(" \n\t\r\u00a0".charAt(r.nextInt(5)));
        case 3 -> sb.append(" plus ");
        default -> {
          int cp;
          do {
            cp = r.nextInt(0x110000);
          } while (cp >= 0xD800 && cp <= 0xDFFF);
          sb.appendCodePoint(cp);
        }
      }
    }
    return sb.toString();
  }

  static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    s.codePoints().forEach(c -> sb.append(c < 0x20 || c > 0x7e ? String.format("\\u{%x}", c)
        : String.valueOf((char) c)));
    return sb.toString();
  }

  @Test
  void sameInputsGiveIdenticalBytes() throws Exception {
    Path a = dir.resolve("a.json");
    Path b = dir.resolve("b.json");
    new TokenizerBuilder().vocabularySize(400).addCorpus(corpus()).write(a);
    new TokenizerBuilder().vocabularySize(400).addCorpus(corpus()).write(b);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    assertArrayEquals(Files.readAllBytes(dir.resolve("tokenizer.json")), Files.readAllBytes(a));
  }

  @Test
  void vocabularySizeCapsLearnedPieces() {
    Path p = dir.resolve("capped.json");
    new TokenizerBuilder().vocabularySize(270).addCorpus(corpus()).write(p);
    try (TextTokenizer t = TextTokenizer.load(p)) {
      assertEquals(270, t.vocabSize());
      assertEquals(1, t.encode(" is").length, "the most frequent piece is kept");
    }
  }

  @Test
  void rejectsTooSmallVocabulary() {
    assertThrows(ConfigException.class, () -> new TokenizerBuilder().vocabularySize(261));
  }

  @Test
  void emptyCorpusStillRoundTrips() {
    Path p = dir.resolve("bytes-only.json");
    new TokenizerBuilder().vocabularySize(262).write(p);
    try (TextTokenizer t = TextTokenizer.load(p)) {
      assertEquals(262, t.vocabSize());
      assertEquals("héllo 解 😀", t.decode(t.encode("héllo 解 😀")));
    }
  }
}
