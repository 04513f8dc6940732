package dev.squall.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.squall.ConfigException;
import dev.squall.rm.CritiqueDecoding;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardModelKind;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * Builds remote models from a campaign's model entry. Shapes:
 *
 * <pre>
 * {"type": "score_endpoint", "name": "rm-8b", "kind": "classic",
 *  "endpoint": {RemoteSettings keys}, "score": {"preset": "vllm_pooling", "path"?, "request_template"?, "response_path"?}}
 * {"type": "judge", "name": "gpt-judge", "endpoint": {...},
 *  "judge": {"template"?, "min": 1, "max": 10, "max_tokens": 512, "seed": 0}}
 * {"type": "remote_critiques", "name": "cloud-8b", "endpoint": {...},
 *  "decoding": {"samples": 1, "temperature": 0, "top_p": 1, "max_tokens": 1024, "repetition_penalty": 1.01, "seed": 0},
 *  "reward": {a score_endpoint entry whose server accepts a given critique}}
 * {"type": "policy", "name": "policy", "endpoint": {...}, "max_tokens": 256}   (see {@link #policy})
 * </pre>
 *
 * Every endpoint gets its own {@link ResilientCaller} over {@code transport}; keys come from the
 * environment variables named by {@code api_key_env}.
 */
public final class RemoteModels {
  private RemoteModels() {}

  /** A reward model from an entry of type score_endpoint, judge or remote_critiques. */
  public static RewardModel rewardModel(JsonNode entry, HttpTransport transport, Function<String, String> env) {
    String type = entry.path("type").asText("");
    String name = entry.path("name").asText(type);
    return switch (type) {
      case "score_endpoint" -> new ScoreEndpointRewardModel(
          name, kind(entry.path("kind").asText("remote")), caller(entry, transport, env),
          ScoreEndpointSpec.fromJson(entry.path("score")));
      case "judge" -> {
        JsonNode j = entry.path("judge");
        yield new JudgeRewardModel(name, new OpenAiChatClient(caller(entry, transport, env)),
            j.path("template").asText(JudgeRewardModel.DEFAULT_TEMPLATE), j.path("min").asDouble(1), j.path("max").asDouble(10),
            j.path("max_tokens").asInt(512), j.path("seed").asLong(0));
      }
      case "remote_critiques" -> {
        if (!entry.has("reward")) {
          throw new ConfigException("remote_critiques model '" + name + "' needs a 'reward' entry (its reward head)");
        }
        JsonNode d = entry.path("decoding");
        CritiqueDecoding def = CritiqueDecoding.defaults();
        CritiqueDecoding decoding;
        try {
          decoding = new CritiqueDecoding(d.path("samples").asInt(def.samples()), d.path("temperature").asDouble(def.temperature()),
              d.path("top_p").asDouble(def.topP()), d.path("max_tokens").asInt(def.maxTokens()),
              d.path("repetition_penalty").asDouble(def.repetitionPenalty()), d.path("seed").asLong(def.seed()));
        } catch (IllegalArgumentException e) {
          throw new ConfigException("model '" + name + "' decoding: " + e.getMessage(), e);
        }
        yield new RemoteCritiqueCloudModel(name, new OpenAiChatClient(caller(entry, transport, env)),
            rewardModel(entry.get("reward"), transport, env), decoding);
      }
      default -> throw new ConfigException(
          "model '" + name + "': unknown remote type '" + type + "' (allowed: score_endpoint, judge, remote_critiques)");
    };
  }

  /** A policy from an entry of type policy. */
  public static RemotePolicy policy(JsonNode entry, HttpTransport transport, Function<String, String> env) {
    return new RemotePolicy(entry.path("name").asText("policy"), new OpenAiChatClient(caller(entry, transport, env)),
        entry.path("max_tokens").asInt(256));
  }

  /** A pairwise judge from an entry shaped like a judge entry. */
  public static PairwiseJudge pairwiseJudge(JsonNode entry, HttpTransport transport, Function<String, String> env) {
    JsonNode j = entry.path("judge");
    return new PairwiseJudge(new OpenAiChatClient(caller(entry, transport, env)),
        j.path("template").asText(PairwiseJudge.DEFAULT_TEMPLATE), j.path("max_tokens").asInt(512), j.path("seed").asLong(0));
  }

  /** The JDK transport with a 10 s connect timeout. */
  public static HttpTransport defaultTransport() {
    return new JdkHttpTransport(Duration.ofSeconds(10));
  }

  private static ResilientCaller caller(JsonNode entry, HttpTransport transport, Function<String, String> env) {
    if (!entry.has("endpoint")) {
      throw new ConfigException("model '" + entry.path("name").asText("?") + "' needs an 'endpoint' object with base_url");
    }
    return new ResilientCaller(RemoteSettings.fromJson(entry.get("endpoint")), transport, env, Sleeper.SYSTEM, System::nanoTime);
  }

  private static RewardModelKind kind(String k) {
    try {
      return RewardModelKind.valueOf(k.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("kind must be classic, cloud, generative_judge or remote, got '" + k + "'");
    }
  }
}
