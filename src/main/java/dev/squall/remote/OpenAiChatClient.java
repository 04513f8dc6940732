package dev.squall.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.squall.text.ChatMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OpenAI-compatible {@code POST /v1/chat/completions} client (OpenAI, vLLM, TGI, llama.cpp,
 * {@code squall serve}). Usage from the response's {@code usage} field is accumulated in the
 * caller's meter. Thread-safe.
 */
public final class OpenAiChatClient {
  /** The path appended to {@code base_url}. */
  public static final String PATH = "/v1/chat/completions";

  private final ResilientCaller caller;

  public OpenAiChatClient(ResilientCaller caller) {
    this.caller = caller;
  }

  public ResilientCaller caller() {
    return caller;
  }

  /** One completion, with retries. @throws RemoteException when it finally fails */
  public ChatCompletion complete(ChatCall call) {
    return caller.postJson(PATH, body(call), this::parse);
  }

  /** Every call concurrently (bounded by the caller's limiter); results in input order. */
  public List<CallResult<ChatCompletion>> completeAll(List<ChatCall> calls) {
    return caller.mapAll(calls, this::complete);
  }

  Map<String, Object> body(ChatCall call) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("model", caller.settings().model());
    List<Map<String, String>> msgs = new ArrayList<>();
    for (ChatMessage m : call.messages()) {
      msgs.add(Map.of("role", m.role(), "content", m.content()));
    }
    b.put("messages", msgs);
    b.put("max_tokens", call.maxTokens());
    b.put("temperature", call.temperature());
    b.put("top_p", call.topP());
    call.seed().ifPresent(s -> b.put("seed", s));
    if (call.repetitionPenalty() != 1.0) {
      b.put("repetition_penalty", call.repetitionPenalty());
    }
    if (call.continueFinalMessage()) {
      b.put("add_generation_prompt", false);
      b.put("continue_final_message", true);
    }
    return b;
  }

  private ChatCompletion parse(JsonNode n) {
    JsonNode choice = n.get("choices").get(0);
    JsonNode content = choice.get("message").get("content");
    if (content == null || !content.isTextual()) {
      throw new IllegalArgumentException("choices[0].message.content is not text");
    }
    JsonNode usage = n.path("usage");
    long p = usage.path("prompt_tokens").asLong(0);
    long c = usage.path("completion_tokens").asLong(0);
    caller.meter().tokens(p, c);
    return new ChatCompletion(content.asText(), choice.path("finish_reason").asText("stop"), p, c);
  }
}
