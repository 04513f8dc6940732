package dev.squall.remote;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A transport answering from a function, recording every request. */
final class ScriptedTransport implements HttpTransport {
  final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final Function<Request, Response> answer;

  ScriptedTransport(Function<Request, Response> answer) {
    this.answer = answer;
  }

  @Override
  public Response execute(Request request) {
    requests.add(request);
    return answer.apply(request);
  }

  static Response json(int status, String body) {
    return new Response(status, Map.of(), body);
  }

  static Response json(int status, String body, String retryAfter) {
    return new Response(status, Map.of("retry-after", List.of(retryAfter)), body);
  }

  static String chat(String content) {
    return "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
        + com.fasterxml.jackson.databind.node.TextNode.valueOf(content) + "},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15}}";
  }
}
