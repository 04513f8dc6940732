package dev.squall.campaign.run;

import dev.squall.campaign.store.RunStore;
import dev.squall.rm.Metered;
import dev.squall.rm.RewardModel;
import dev.squall.rm.Usage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records one campaign model's usage in the run store as it grows: {@link #start()} stores every
 * meter with zero counts (so the summary can tell "metered, nothing used" from "not metered"), and
 * each {@link #flush()} adds what every meter consumed since the previous flush to the session's
 * rows. Flushed after every batch, so a killed run loses at most the batch in flight. A model that
 * is not {@link Metered} records nothing. Thread-safe.
 */
final class UsageRecorder {
  private final RunStore store;
  private final long session;
  private final String model;
  private final Metered meters;
  private final Map<String, Usage> recorded = new HashMap<>();

  /** @param model the model's campaign name (the key in the store) */
  UsageRecorder(RunStore store, long session, String model, RewardModel m) {
    this.store = store;
    this.session = session;
    this.model = model;
    this.meters = m instanceof Metered x ? x : null;
  }

  /** Stores every meter with zero counts (what the model had used before this session is not ours). */
  synchronized void start() {
    if (meters == null) {
      return;
    }
    for (Usage u : meters.meters()) {
      recorded.put(u.meter(), u);
      store.addUsage(session, model, u.zero());
    }
  }

  /** Adds the growth of every meter since the last flush. */
  synchronized void flush() {
    if (meters == null) {
      return;
    }
    List<Usage> now = meters.meters();
    for (Usage u : now) {
      Usage before = recorded.get(u.meter());
      Usage delta = before == null ? u : u.minus(before);
      if (before == null || !delta.isZero()) {
        store.addUsage(session, model, delta);
        recorded.put(u.meter(), u);
      }
    }
  }
}
