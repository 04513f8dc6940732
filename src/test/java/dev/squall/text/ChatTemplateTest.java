package dev.squall.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatTemplateTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-07T14:05:09Z"), ZoneOffset.UTC);
  static final TokenizerConfig LLAMA3 =
      new TokenizerConfig("<|begin_of_text|>", "<|eot_id|>", null, null,
          ChatTemplate.LLAMA3_TEMPLATE, false, Map.of());
  static final List<ChatMessage> BASIC =
      List.of(ChatMessage.user("Hello"), ChatMessage.assistant(" Hi there "),
          ChatMessage.user("2+2?"));

  private static String render(String template, TokenizerConfig cfg, List<ChatMessage> m,
      boolean agp) {
    return new ChatTemplate(template, cfg, CLOCK).render(m, agp);
  }

  private static String render(String template, List<ChatMessage> m) {
    return render(template, TokenizerConfig.empty(), m, false);
  }

  @Test
  void llama3ExactlyAsTransformers() {
    String out = ChatTemplate.forConfig(LLAMA3, CLOCK).render(BASIC, true);
    assertEquals(
        "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHello<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n\nHi there<|eot_id|>"
            + "<|start_header_id|>user<|end_header_id|>\n\n2+2?<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n\n",
        out);
    assertFalse(ChatTemplate.forConfig(LLAMA3, CLOCK).isDefault());
  }

  @Test
  void llama3WithEscapedNewlinesInSourceRendersTheSame() {
    // tokenizer_config.json files store the newline either raw or as a Jinja escape (\\n).
    String escaped = ChatTemplate.LLAMA3_TEMPLATE.replace("\n", "\\n");
    assertEquals(ChatTemplate.forConfig(LLAMA3, CLOCK).render(BASIC, true),
        render(escaped, LLAMA3, BASIC, true));
  }

  @Test
  void llama3CritiquePrefixEndsWithoutTrailingSpace() {
    String out = ChatTemplate.forConfig(LLAMA3, CLOCK)
        .render(List.of(ChatMessage.user("my question: ")), false);
    assertEquals("<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n"
        + "my question:<|eot_id|>", out);
  }

  @Test
  void filterBindsTighterThanPlus() {
    assertEquals("[x]", render("{{ '[' + messages[0]['content'] | trim + ']' }}",
        List.of(ChatMessage.user("  x \n"))));
  }

  @Test
  void trimUsesPythonWhitespace() {
    // Python strips NBSP and U+3000 but not NUL; Java's String.trim() does the opposite.
    assertEquals("[\u0000a]", render("[{{ messages[0].content | trim }}]",
        List.of(ChatMessage.user("\u00a0\u3000\u0000a\u2029"))));
    assertEquals("[\u0000a]", render("[{{ messages[0].content.strip() }}]",
        List.of(ChatMessage.user("\u00a0\u0000a\u2029"))));
  }

  @Test
  void contentPassesThroughVerbatim() {
    StringBuilder sb = new StringBuilder("x");
    for (char c = 1; c < 0x20; c++) {
      sb.append(c);
    }
    sb.append("{{ '}}' }}{% raw %}\\\"\u202e\ud83d\ude00\u89e3\u00a0y");
    String content = sb.toString();
    assertEquals(content, render("{{ messages[0]['content'] }}", List.of(ChatMessage.user(content))));
  }

  @Test
  void llama31SystemAndDefaultDate() {
    String t = Resources.text("llama31.jinja");
    String out = render(t, LLAMA3,
        List.of(ChatMessage.system(" Be brief. "), ChatMessage.user("Hi")), true);
    assertEquals("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
        + "Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n"
        + "Be brief.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
        + "<|start_header_id|>assistant<|end_header_id|>\n\n", out);
  }

  @Test
  void strftimeNowUsesTheInjectedClock() {
    String t = "{{ strftime_now('%d %b %Y %H:%M:%S %A %B %j %p %%') }}|{{ strftime_now is defined }}";
    Clock c = Clock.fixed(Instant.parse("2024-07-26T23:59:58Z"), ZoneOffset.ofHours(2));
    assertEquals("27 Jul 2024 01:59:58 Saturday July 209 AM %|true",
        new ChatTemplate(t, TokenizerConfig.empty(), c).render(List.of(), false));
  }

  @Test
  void chatmlQwen2() {
    String t = "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}"
        + "{{ '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}{% endif %}"
        + "{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}"
        + "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";
    assertEquals("<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n"
        + "<|im_start|>user\nHello<|im_end|>\n<|im_start|>assistant\n Hi there <|im_end|>\n"
        + "<|im_start|>user\n2+2?<|im_end|>\n<|im_start|>assistant\n",
        render(t, TokenizerConfig.empty(), BASIC, true));
  }

  static final String ZEPHYR = "{% for message in messages %}\n{% if message['role'] == 'user' %}\n"
      + "{{ '<|user|>\n' + message['content'] + eos_token }}\n{% elif message['role'] == 'system' %}\n"
      + "{{ '<|system|>\n' + message['content'] + eos_token }}\n"
      + "{% elif message['role'] == 'assistant' %}\n"
      + "{{ '<|assistant|>\n'  + message['content'] + eos_token }}\n{% endif %}\n"
      + "{% if loop.last and add_generation_prompt %}\n{{ '<|assistant|>' }}\n{% endif %}\n"
      + "{% endfor %}";

  @Test
  void zephyrReliesOnTrimBlocks() {
    TokenizerConfig cfg = new TokenizerConfig("<s>", "</s>", null, null, null, false, Map.of());
    assertEquals("<|system|>\nS</s>\n<|user|>\nHello</s>\n<|assistant|>\n",
        render(ZEPHYR, cfg, List.of(ChatMessage.system("S"), ChatMessage.user("Hello")), true));
  }

  static final String MISTRAL = "{{ bos_token }}{% for message in messages %}"
      + "{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
      + "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}"
      + "{% endif %}{% if message['role'] == 'user' %}{{ '[INST] ' + message['content'] + ' [/INST]' }}"
      + "{% elif message['role'] == 'assistant' %}{{ message['content'] + eos_token}}"
      + "{% else %}{{ raise_exception('Only user and assistant roles are supported!') }}{% endif %}"
      + "{% endfor %}";

  @Test
  void mistralInst() {
    TokenizerConfig cfg = new TokenizerConfig("<s>", "</s>", null, "<unk>", null, false, Map.of());
    assertEquals("<s>[INST] Hello [/INST] Hi there </s>[INST] 2+2? [/INST]",
        render(MISTRAL, cfg, BASIC, true));
  }

  @Test
  void raiseExceptionSurfacesWithItsMessage() {
    TokenizerConfig cfg = new TokenizerConfig("<s>", "</s>", null, null, null, false, Map.of());
    ChatTemplateException e = assertThrows(ChatTemplateException.class,
        () -> render(MISTRAL, cfg, List.of(ChatMessage.assistant("x")), false));
    assertTrue(e.getMessage().contains("Conversation roles must alternate"), e.getMessage());
  }

  @Test
  void syntaxErrorNamesTheProblem() {
    ChatTemplateException e = assertThrows(ChatTemplateException.class,
        () -> new ChatTemplate("{% for m in messages %}{{ m }}", TokenizerConfig.empty(), CLOCK));
    assertTrue(e.getMessage().contains("endfor"), e.getMessage());
  }

  @Test
  void unknownFunctionIsAnError() {
    ChatTemplateException e = assertThrows(ChatTemplateException.class,
        () -> render("{{ no_such_fn(1) }}", List.of()));
    assertTrue(e.getMessage().contains("no_such_fn"), e.getMessage());
  }

  @Test
  void pythonIdioms() {
    List<ChatMessage> m = List.of(ChatMessage.user(" a b  c "), ChatMessage.assistant("x,y,,z"));
    assertEquals("3|4|x|z|True|False",
        render("{{ messages[0].content.split()|length }}|{{ messages[1].content.split(',')|length }}"
            + "|{{ messages[1].content.split(',')[0] }}|{{ messages[1].content.split(',')[-1] }}"
            + "|{{ messages[1].content.startswith('x,') }}|{{ messages[1].content.endswith('y') }}",
            m).replace("true", "True").replace("false", "False"));
    assertEquals("2 assistant",
        render("{%- set ns = namespace(n=0, last='') -%}{%- for x in messages -%}"
            + "{%- set ns.n = ns.n + 1 -%}{%- set ns.last = x.role -%}{%- endfor -%}"
            + "{{ ns.n }} {{ ns.last }}", m));
    assertEquals("0T1L", render("{% for x in messages %}{{ loop.index0 }}"
        + "{% if loop.first %}T{% endif %}{% if loop.last %}L{% endif %}{% endfor %}",
        List.of(ChatMessage.user("a"), ChatMessage.user("b"))));
    assertEquals("ac", render("{% for x in messages %}{% if x.content == 'b' %}{% continue %}"
        + "{% endif %}{% if x.content == 'd' %}{% break %}{% endif %}{{ x.content }}{% endfor %}",
        List.of(ChatMessage.user("a"), ChatMessage.user("b"), ChatMessage.user("c"),
            ChatMessage.user("d"), ChatMessage.user("e"))));
    assertEquals("{\"role\": \"user\", \"content\": \"\u89e3\\n\\\"q\\\"\"}",
        render("{{ messages[0] | tojson }}", List.of(ChatMessage.user("\u89e3\n\"q\""))));
    assertEquals("no-tools|false", render("{% if tools is not defined or tools is none %}no-tools"
        + "{% endif %}|{{ bos_token is defined }}", List.of()));
    assertEquals("ab", render("{{- 'a' -}}\n   \n{{- 'b' -}}", List.of()));
  }

  @Test
  void defaultTemplateIsAnthropicHhStyle() {
    ChatTemplate t = ChatTemplate.forConfig(TokenizerConfig.empty(), CLOCK);
    assertTrue(t.isDefault());
    assertEquals("Be kind.\n\nHuman: Hello\n\nAssistant:  Hi there \n\nHuman: 2+2?\n\nAssistant:",
        t.render(List.of(ChatMessage.system("Be kind."), BASIC.get(0), BASIC.get(1),
            BASIC.get(2)), true));
    assertEquals("\n\nHuman: Hello", t.render(List.of(BASIC.get(0)), false));
    assertThrows(ChatTemplateException.class,
        () -> t.render(List.of(ChatMessage.user("a"), ChatMessage.system("late")), false));
    assertThrows(ChatTemplateException.class,
        () -> t.render(List.of(new ChatMessage("tool", "a")), false));
  }
}
