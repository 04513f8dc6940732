package dev.squall.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Known places where rendering differs from Python Jinja2. Pinned so a Jinjava upgrade that changes
 * them is noticed; no real chat template we know prints these values.
 */
class JinjavaQuirksTest {
  private static String render(String t) {
    return new ChatTemplate(t, TokenizerConfig.empty(), ChatTemplateTest.CLOCK)
        .render(List.of(ChatMessage.user("a")), false);
  }

  @Test
  void printedValues() {
    // Python prints True / False / None / ['a', 1].
    assertEquals("true|false||[a, 1]", render("{{ 1 == 1 }}|{{ 1 == 2 }}|{{ none }}|{{ ['a', 1] }}"));
  }
}
