package dev.squall.attack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
}
