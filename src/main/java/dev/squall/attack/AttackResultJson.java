package dev.squall.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.rm.RewardModelKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * One JSON object per attacked item, with snake_case fields, for the run store and reports:
 * {@code item_id, attack, seed, status, status_reason, original, adversarial, edits,
 * changed_spans, models[], budget, queries_used, model_calls, candidates_scored,
 * invalid_candidates, rejections, rejection_examples}. Stateless.
 */
public final class AttackResultJson {
  private AttackResultJson() {}

  /** The reason of a non-success status; empty for a success. */
  public static String reason(AttackStatus s) {
    if (s instanceof AttackStatus.Failed f) {
      return f.reason();
    } else if (s instanceof AttackStatus.Skipped k) {
      return k.reason();
    } else if (s instanceof AttackStatus.Invalid i) {
      return i.reason();
    }
    return "";
  }

  public static ObjectNode toJson(AttackResult r, ObjectMapper mapper) {
    ObjectNode n = mapper.createObjectNode();
    n.put("item_id", r.itemId());
    n.put("attack", r.attack());
    n.put("seed", r.seed());
    n.put("status", r.status().id());
    n.put("status_reason", reason(r.status()));
    n.put("original", r.original());
    n.put("adversarial", r.adversarial().text());
    ArrayNode edits = n.putArray("edits");
    for (Edit e : r.adversarial().edits()) {
      ObjectNode o = edits.addObject();
      o.put("kind", e.kind());
      o.put("start", e.start());
      o.put("end", e.end());
      o.put("before", e.before());
      o.put("after", e.after());
    }
    ArrayNode spans = n.putArray("changed_spans");
    for (AttackedText.Span s : r.adversarial().changedSpans()) {
      spans.addArray().add(s.start()).add(s.end());
    }
    ArrayNode models = n.putArray("models");
    for (ModelScores m : r.models()) {
      ObjectNode o = models.addObject();
      o.put("model", m.model());
      o.put("kind", m.kind().name().toLowerCase(java.util.Locale.ROOT));
      o.put("target", m.target());
      o.put("reward_before", m.rewardBefore());
      o.put("reward_after", m.rewardAfter());
      if (m.referenceReward().isPresent()) {
        o.put("reference_reward", m.referenceReward().getAsDouble());
      } else {
        o.putNull("reference_reward");
      }
      o.put("critique_before", m.critiqueBefore());
      o.put("critique_after", m.critiqueAfter());
      o.put("critique_truncated_after", m.critiqueTruncatedAfter());
      o.put("critique_effect", m.critiqueEffect().name().toLowerCase(java.util.Locale.ROOT));
    }
    n.put("budget", r.budget());
    n.put("queries_used", r.queriesUsed());
    n.put("model_calls", r.modelCalls());
    n.put("candidates_scored", r.candidatesScored());
    n.put("invalid_candidates", r.invalidCandidates());
    n.set("rejections", mapper.valueToTree(new TreeMap<>(r.rejections())));
    n.set("rejection_examples", mapper.valueToTree(r.rejectionExamples()));
    return n;
  }

  /**
   * The inverse of {@link #toJson}: rebuilds the result from its JSON (extra fields, such as the
   * campaign's {@code clean_credit}, are ignored; {@code changed_spans} is derived from the edits).
   */
  public static AttackResult fromJson(JsonNode n) {
    String reason = n.path("status_reason").asText("");
    AttackStatus status = switch (n.path("status").asText()) {
      case "succeeded" -> new AttackStatus.Succeeded();
      case "failed" -> new AttackStatus.Failed(reason);
      case "skipped" -> new AttackStatus.Skipped(reason);
      case "invalid" -> new AttackStatus.Invalid(reason);
      default -> throw new IllegalArgumentException("unknown attack status " + n.path("status"));
    };
    List<Edit> edits = new ArrayList<>();
    for (JsonNode e : n.path("edits")) {
      edits.add(new Edit(e.path("kind").asText(), e.path("start").asInt(), e.path("end").asInt(),
          e.path("before").asText(), e.path("after").asText()));
    }
    List<ModelScores> models = new ArrayList<>();
    for (JsonNode m : n.path("models")) {
      JsonNode ref = m.path("reference_reward");
      models.add(new ModelScores(m.path("model").asText(),
          RewardModelKind.valueOf(m.path("kind").asText().toUpperCase(Locale.ROOT)), m.path("target").asBoolean(),
          m.path("reward_before").asDouble(Double.NaN), m.path("reward_after").asDouble(Double.NaN),
          ref.isMissingNode() || ref.isNull() ? OptionalDouble.empty() : OptionalDouble.of(ref.asDouble(Double.NaN)),
          m.path("critique_before").asText(""), m.path("critique_after").asText(""),
          m.path("critique_truncated_after").asBoolean(false),
          CritiqueEffect.valueOf(m.path("critique_effect").asText("not_applicable").toUpperCase(Locale.ROOT))));
    }
    Map<String, Integer> rejections = new LinkedHashMap<>();
    n.path("rejections").fields().forEachRemaining(e -> rejections.put(e.getKey(), e.getValue().asInt()));
    List<String> examples = new ArrayList<>();
    n.path("rejection_examples").forEach(x -> examples.add(x.asText()));
    String original = n.path("original").asText();
    return new AttackResult(n.path("item_id").asText(), n.path("attack").asText(), n.path("seed").asLong(), status,
        original, new AttackedText(original, n.path("adversarial").asText(), edits), models, n.path("budget").asInt(),
        n.path("queries_used").asInt(), n.path("model_calls").asInt(), n.path("candidates_scored").asInt(),
        n.path("invalid_candidates").asInt(), rejections, examples);
  }
}
