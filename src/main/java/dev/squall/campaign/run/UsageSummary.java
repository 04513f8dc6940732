package dev.squall.campaign.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.campaign.store.RunStore;
import dev.squall.rm.Cost;
import dev.squall.rm.Usage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run's model usage as {@code summary.json} writes it ({@code "usage"}, docs/summary-schema.md):
 * per model its meters summed over sessions and a total; models that report no usage are listed as
 * not metered. Built from the store only, so {@code squall report} reproduces it.
 */
final class UsageSummary {
  private UsageSummary() {}

  /** Per campaign model (store order), its meters; a model without meters maps to an empty list. */
  static Map<String, List<Usage>> byModel(RunStore store) {
    Map<String, List<Usage>> out = new LinkedHashMap<>();
    store.models().forEach(m -> out.put(m.name(), new ArrayList<>()));
    for (RunStore.UsageRow r : store.usage()) {
      out.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(r.usage());
    }
    return out;
  }

  /** The {@code usage} object of summary.json. */
  static ObjectNode json(Map<String, List<Usage>> byModel) {
    ObjectNode root = Reports.JSON.createObjectNode();
    ArrayNode models = root.putArray("models");
    Map<String, Double> costTotal = new TreeMap<>();
    for (Map.Entry<String, List<Usage>> e : byModel.entrySet()) {
      ObjectNode m = models.addObject();
      m.put("model", e.getKey());
      List<Usage> meters = e.getValue();
      m.put("metered", !meters.isEmpty());
      if (meters.isEmpty()) {
        m.putArray("meters");
        continue;
      }
      Usage total = Usage.total("total", meters);
      m.put("where", where(meters));
      counts(m, total);
      ArrayNode ms = m.putArray("meters");
      for (Usage u : meters) {
        ObjectNode n = ms.addObject();
        n.put("meter", u.meter()).put("where", u.remote() ? "remote" : "local");
        counts(n, u);
        u.cost().ifPresent(c -> costTotal.merge(c.currency(), c.amount(), Double::sum));
      }
    }
    ObjectNode ct = root.putObject("cost_total");
    costTotal.forEach(ct::put);
    return root;
  }

  /** {@code remote}, {@code local}, or {@code remote+local} (remote critiques, local reward head). */
  static String where(List<Usage> meters) {
    boolean remote = meters.stream().anyMatch(Usage::remote);
    boolean local = meters.stream().anyMatch(u -> !u.remote());
    return remote && local ? "remote+local" : remote ? "remote" : "local";
  }

  private static void counts(ObjectNode n, Usage u) {
    n.put("requests", u.requests()).put("failed_calls", u.failedCalls()).put("retries", u.retries())
        .put("prompt_tokens", u.promptTokens()).put("completion_tokens", u.completionTokens())
        .put("total_tokens", u.totalTokens());
    if (u.cost().isPresent()) {
      Cost c = u.cost().get();
      n.put("cost", c.amount()).put("currency", c.currency());
    } else {
      n.putNull("cost").putNull("currency");
    }
  }
}
