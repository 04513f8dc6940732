package dev.squall.text;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.filter.Filter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jinjava.javax.el.CompositeELResolver;

/**
 * A Hugging Face chat template, rendered with Jinjava the way Python transformers renders it with
 * Jinja2 ({@code ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True,
 * extensions=[loopcontrols])}).
 *
 * <p>Templates see {@code messages} (a list of {@code {role, content}} dicts), {@code
 * add_generation_prompt}, the config's {@code bos_token}, {@code eos_token}, {@code pad_token} and
 * {@code unk_token} (only those that are set), and the functions {@code raise_exception(msg)}
 * (throws {@link ChatTemplateException} with {@code msg}) and {@code strftime_now(fmt)} (Python
 * {@code strftime} of the injected {@link Clock}'s current time in the clock's zone). {@code tools}
 * is not passed (Python passes {@code tools=None}; Jinjava cannot hold a defined {@code None}, so
 * {@code tools is defined} is false here; every template we know then sets {@code tools = none}).
 *
 * <p>Python idioms are made to behave as in Python: {@code |trim} and {@code .strip()} strip
 * Python whitespace; {@code .startswith .endswith .split .lstrip .rstrip .upper .lower .title
 * .capitalize .replace .find .count} work on strings; {@code |tojson} formats like {@code
 * json.dumps} (", " and ": " separators, non-ASCII kept, {@code indent=} honoured). Not supported:
 * extended slices with a step ({@code messages[::-1]}). Printed booleans read {@code true/false}
 * and printed {@code none} is empty (Python: {@code True/False/None}); lists print without quotes.
 *
 * <p>Message content is never interpreted: text such as <code>{{ 7*7 }}</code> inside a message
 * renders literally (Jinjava's nested interpretation is switched off).
 *
 * <p>The {@linkplain #DEFAULT_TEMPLATE default template}, used by {@link #forConfig} when a config
 * has none, is Anthropic HH style; see {@link #DEFAULT_TEMPLATE}.
 *
 * <p>Thread-safe: an instance may render from several threads at once (each render gets its own
 * interpreter).
 */
public final class ChatTemplate {

  /**
   * The template used for models without one, in the style of Anthropic HH-RLHF transcripts: a
   * {@code system} message renders as its content, verbatim, and is allowed only as the first
   * message; each {@code user} message renders as {@code "\n\nHuman: " + content}; each {@code
   * assistant} message as {@code "\n\nAssistant: " + content}; with {@code add_generation_prompt}
   * the text ends with {@code "\n\nAssistant:"}. Content is not trimmed. No BOS is written and
   * assistant turns are <em>not</em> followed by an end-of-turn token. Other roles raise an error.
   */
  public static final String DEFAULT_TEMPLATE =
      "{%- for message in messages -%}"
          + "{%- if message['role'] == 'system' -%}"
          + "{%- if not loop.first -%}"
          + "{{ raise_exception('a system message is allowed only as the first message') }}"
          + "{%- endif -%}"
          + "{{ message['content'] }}"
          + "{%- elif message['role'] == 'user' -%}"
          + "{{ '\\n\\nHuman: ' + message['content'] }}"
          + "{%- elif message['role'] == 'assistant' -%}"
          + "{{ '\\n\\nAssistant: ' + message['content'] }}"
          + "{%- else -%}"
          + "{{ raise_exception('unknown role ' + message['role']"
          + " + ' (the default template knows system, user and assistant)') }}"
          + "{%- endif -%}"
          + "{%- endfor -%}"
          + "{%- if add_generation_prompt -%}{{ '\\n\\nAssistant:' }}{%- endif -%}";

  /** The chat template of Meta-Llama-3-8B-Instruct, verbatim. */
  public static final String LLAMA3_TEMPLATE =
      "{% set loop_messages = messages %}{% for message in loop_messages %}"
          + "{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n'"
          + "+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 %}"
          + "{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}"
          + "{% if add_generation_prompt %}"
          + "{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}";

  private final String source;
  private final TokenizerConfig config;
  private final Clock clock;
  private final Jinjava jinjava;

  /**
   * Compiles a template.
   *
   * @param source the Jinja source, as found in {@code tokenizer_config.json}
   * @param config supplies the special tokens the template may use
   * @param clock the time source of {@code strftime_now}
   * @throws ChatTemplateException if the source has a syntax error
   */
  public ChatTemplate(String source, TokenizerConfig config, Clock clock) {
    this.source = Objects.requireNonNull(source, "source");
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    CompositeELResolver resolver = new CompositeELResolver();
    resolver.add(new PyStringMethodResolver());
    resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_WRITE);
    JinjavaConfig cfg =
        JinjavaConfig.newBuilder()
            .withTrimBlocks(true)
            .withLstripBlocks(true)
            .withElResolver(resolver)
            // Jinjava otherwise re-renders output that contains {{ }}: message text would run as
            // template code (an injection hole for adversarial responses).
            .withNestedInterpretationEnabled(false)
            .withLegacyOverrides(
                LegacyOverrides.newBuilder()
                    .withUseTrimmingForNotesAndExpressions(true) // {{- -}} and {#- -#}
                    .withParseWhitespaceControlStrictly(true)
                    .withUseNaturalOperatorPrecedence(true)
                    .withEvaluateMapKeys(true)
                    .withIterateOverMapKeys(true)
                    .withKeepNullableLoopValues(true)
                    .build())
            .build();
    this.jinjava = new Jinjava(cfg);
    jinjava.getGlobalContext().registerFunction(TemplateFunctions.raiseException());
    jinjava.getGlobalContext().registerFunction(TemplateFunctions.strftimeNow());
    jinjava.getGlobalContext().registerFilter(new TrimFilter());
    jinjava.getGlobalContext().registerFilter(new ToJsonFilter());
    checkSyntax();
  }

  /**
   * The template for {@code config}: its {@code chat_template}, or {@link #DEFAULT_TEMPLATE} when
   * it has none.
   */
  public static ChatTemplate forConfig(TokenizerConfig config, Clock clock) {
    String t = config.chatTemplate();
    return new ChatTemplate(t == null ? DEFAULT_TEMPLATE : t, config, clock);
  }

  /** Whether this is the {@linkplain #DEFAULT_TEMPLATE default template}. */
  public boolean isDefault() {
    return DEFAULT_TEMPLATE.equals(source);
  }

  /** The Jinja source. */
  public String source() {
    return source;
  }

  /**
   * Renders a conversation.
   *
   * @param messages the turns, in order; must not be null
   * @param addGenerationPrompt whether to end with the header that opens an assistant turn
   * @throws ChatTemplateException if rendering fails or the template calls {@code raise_exception}
   */
  public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
    Objects.requireNonNull(messages, "messages");
    List<Map<String, Object>> msgs = new ArrayList<>(messages.size());
    for (ChatMessage m : messages) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("role", m.role());
      d.put("content", m.content());
      msgs.add(d);
    }
    Map<String, Object> vars = new HashMap<>();
    vars.put("messages", msgs);
    vars.put("add_generation_prompt", addGenerationPrompt);
    putIfSet(vars, "bos_token", config.bosToken());
    putIfSet(vars, "eos_token", config.eosToken());
    putIfSet(vars, "pad_token", config.padToken());
    putIfSet(vars, "unk_token", config.unkToken());
    vars.put("strftime_now", "strftime_now"); // so that `strftime_now is defined` holds
    vars.put("raise_exception", "raise_exception");
    vars.put(TemplateFunctions.CLOCK_KEY, clock);
    RenderResult r;
    try {
      r = jinjava.renderForResult(source, vars);
    } catch (TemplateFunctions.RaisedException e) {
      throw new ChatTemplateException("chat template raised an exception: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new ChatTemplateException("chat template failed to render: " + e, e);
    }
    fail(r.getErrors(), "render");
    return r.getOutput();
  }

  private static void putIfSet(Map<String, Object> vars, String key, String value) {
    if (value != null) {
      vars.put(key, value);
    }
  }

  private void checkSyntax() {
    JinjavaInterpreter interpreter = jinjava.newInterpreter();
    JinjavaInterpreter.pushCurrent(interpreter);
    try {
      interpreter.parse(source);
    } finally {
      JinjavaInterpreter.popCurrent();
    }
    fail(interpreter.getErrors(), "compile");
  }

  private static void fail(List<TemplateError> errors, String phase) {
    List<String> fatal = new ArrayList<>();
    for (TemplateError e : errors) {
      if (e.getSeverity() != TemplateError.ErrorType.FATAL) {
        continue;
      }
      for (Throwable t = e.getException(); t != null; t = t.getCause()) {
        if (t instanceof TemplateFunctions.RaisedException raised) {
          throw new ChatTemplateException(
              "chat template raised an exception: " + raised.getMessage(), raised);
        }
      }
      fatal.add(describe(e));
    }
    if (!fatal.isEmpty()) {
      throw new ChatTemplateException(
          "chat template failed to " + phase + ": " + String.join("; ", fatal));
    }
  }

  private static String describe(TemplateError e) {
    String msg = e.getMessage();
    if (msg != null && msg.startsWith("Could not resolve function")) {
      msg += " (not provided to chat templates)";
    }
    return "line " + e.getLineno() + ": " + msg
        + (e.getFieldName() == null || e.getFieldName().isEmpty()
            ? "" : " [in '" + e.getFieldName() + "']");
  }

  /** Jinja2's {@code trim}: Python {@code str.strip(chars)}. */
  private static final class TrimFilter implements Filter {
    @Override
    public String getName() {
      return "trim";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
      if (var == null) {
        return "";
      }
      return PyStrings.strip(var.toString(), args.length > 0 ? args[0] : null);
    }
  }

  /** Hugging Face's {@code tojson}: {@code json.dumps(x, ensure_ascii=False, indent=indent)}. */
  private static final class ToJsonFilter implements Filter {
    @Override
    public String getName() {
      return "tojson";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
      return PyJson.dumps(var, -1);
    }

    @Override
    public Object filter(
        Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
      Object indent = kwargs.get("indent");
      if (indent == null && args.length > 0) {
        indent = args[0];
      }
      return PyJson.dumps(var, indent instanceof Number n ? n.intValue() : -1);
    }
  }
}
