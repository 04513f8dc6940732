package dev.squall.campaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds small test campaigns over fake model folders. */
final class Campaigns {
  private Campaigns() {}

  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Two models (classic → {@code classicFolder}, cloud → {@code cloudFolder}), the arithmetic world's
   * test and ood_reversed splits, OOD plus best-of-N, {@code maxItems} per split.
   */
  static ObjectNode campaign(Path classicFolder, Path cloudFolder, int maxItems, boolean bon) {
    ObjectNode c = JSON.createObjectNode();
    c.put("name", "t").put("seed", 7).put("max_items", maxItems).put("batch_size", 8);
    ArrayNode models = c.putArray("models");
    models.addObject().put("name", "classic").put("source", classicFolder.toString());
    models.addObject().put("name", "cloud").put("source", cloudFolder.toString());
    ObjectNode ds = c.putArray("datasets").addObject().put("name", "arith").put("world", "arithmetic");
    ds.putArray("splits").add("test").add("ood_reversed");
    ArrayNode ev = c.putArray("evaluators");
    ev.addObject().put("type", "ood").put("dataset", "arith");
    if (bon) {
      ObjectNode b = ev.addObject().put("type", "best_of_n").put("dataset", "arith").put("max_items", Math.min(10, maxItems));
      b.putArray("ns").add(1).add(2).add(4);
    }
    c.putArray("thresholds").addObject().put("metric", "ood_accuracy").put("model", "cloud")
        .put("split", "ood_reversed").put("min", 0.8);
    return c;
  }

  static Path write(Path dir, String name, ObjectNode campaign) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, campaign.toPrettyString());
    return f;
  }
}
