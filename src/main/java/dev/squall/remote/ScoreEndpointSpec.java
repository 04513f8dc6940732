package dev.squall.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.squall.ConfigException;
import dev.squall.rm.ScoringRequest;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to call a reward/score endpoint: the path, a JSON request template and where the reward is
 * in the response.
 *
 * <p>Template strings may contain {@code ${prompt}}, {@code ${response}}, {@code ${critique}},
 * {@code ${model}} and {@code ${text}} (prompt, a blank line, response). Values are inserted into
 * JSON strings (never spliced as raw JSON), so any text is safe. A field whose whole value is
 * {@code ${critique}} is dropped when the request has no critique.
 *
 * <p>Presets ({@link #preset}):
 *
 * <ul>
 *   <li>{@code squall}: {@code POST /score {"prompt","response"[,"critique"]}} → {@code $.reward}
 *       (critique at {@code $.critique}): {@code squall serve}.
 *   <li>{@code vllm_pooling}: vLLM's pooling API for reward models, {@code POST /pooling
 *       {"model","input":"${text}"}} → {@code $.data[0].data[0]}.
 *   <li>{@code vllm_classify}: vLLM's classify API, {@code POST /classify {"model","input"}} →
 *       {@code $.data[0].probs[0]} (set {@code response_path} for another label).
 *   <li>{@code tei_predict}: Text Embeddings Inference, {@code POST /predict {"inputs":"${text}"}}
 *       → {@code 0.score} (the first label's score).
 * </ul>
 *
 * Config keys (beside the {@link RemoteSettings} keys): {@code preset}, {@code path}, {@code
 * request_template} (a JSON object), {@code response_path}, {@code critique_path}.
 */
public record ScoreEndpointSpec(
    String path, JsonNode requestTemplate, JsonPath responsePath, Optional<JsonPath> critiquePath) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public ScoreEndpointSpec {
    Objects.requireNonNull(path, "path");
    if (!path.startsWith("/")) {
      throw new ConfigException("score endpoint path must start with '/', got '" + path + "'");
    }
    Objects.requireNonNull(requestTemplate, "requestTemplate");
    Objects.requireNonNull(responsePath, "responsePath");
    Objects.requireNonNull(critiquePath, "critiquePath");
  }

  /** A named preset: {@code squall}, {@code vllm_pooling}, {@code vllm_classify}, {@code tei_predict}. */
  public static ScoreEndpointSpec preset(String name) {
    return switch (name) {
      case "squall" -> of("/score", "{\"prompt\":\"${prompt}\",\"response\":\"${response}\",\"critique\":\"${critique}\"}", "$.reward", "$.critique");
      case "vllm_pooling" -> of("/pooling", "{\"model\":\"${model}\",\"input\":\"${text}\"}", "$.data[0].data[0]", null);
      case "vllm_classify" -> of("/classify", "{\"model\":\"${model}\",\"input\":\"${text}\"}", "$.data[0].probs[0]", null);
      case "tei_predict" -> of("/predict", "{\"inputs\":\"${text}\"}", "0.score", null);
      default -> throw new ConfigException(
          "unknown score endpoint preset '" + name + "' (allowed: squall, vllm_pooling, vllm_classify, tei_predict)");
    };
  }

  /** A spec from a path, a JSON template text and response paths ({@code critiquePath} may be null). */
  public static ScoreEndpointSpec of(String path, String template, String responsePath, String critiquePath) {
    try {
      return new ScoreEndpointSpec(
          path, JSON.readTree(template), JsonPath.parse(responsePath), Optional.ofNullable(critiquePath).map(JsonPath::parse));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ConfigException("request_template is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** Reads {@code preset} then overrides {@code path}, {@code request_template}, {@code response_path}, {@code critique_path}. */
  public static ScoreEndpointSpec fromJson(JsonNode n) {
    ScoreEndpointSpec base = preset(n.path("preset").asText("squall"));
    String path = n.path("path").asText(base.path);
    JsonNode tpl = n.has("request_template") ? n.get("request_template") : base.requestTemplate;
    JsonPath resp = n.has("response_path") ? JsonPath.parse(n.get("response_path").asText()) : base.responsePath;
    Optional<JsonPath> crit = n.has("critique_path") ? Optional.of(JsonPath.parse(n.get("critique_path").asText())) : base.critiquePath;
    return new ScoreEndpointSpec(path, tpl, resp, crit);
  }

  /** The request body for {@code r}. */
  public JsonNode render(ScoringRequest r, String model) {
    Map<String, String> vars =
        Map.of("prompt", r.prompt(), "response", r.response(), "model", model, "text", r.prompt() + "\n\n" + r.response());
    return fill(requestTemplate.deepCopy(), vars, r.givenCritique());
  }

  private static JsonNode fill(JsonNode n, Map<String, String> vars, Optional<String> critique) {
    if (n.isTextual()) {
      String s = n.asText();
      for (Map.Entry<String, String> e : vars.entrySet()) {
        s = s.replace("${" + e.getKey() + "}", e.getValue());
      }
      s = s.replace("${critique}", critique.orElse(""));
      return TextNode.valueOf(s);
    }
    if (n instanceof ObjectNode o) {
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (critique.isEmpty() && e.getValue().isTextual() && e.getValue().asText().equals("${critique}")) {
          it.remove();
        } else {
          e.setValue(fill(e.getValue(), vars, critique));
        }
      }
      return o;
    }
    if (n instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        a.set(i, fill(a.get(i), vars, critique));
      }
    }
    return n;
  }
}
