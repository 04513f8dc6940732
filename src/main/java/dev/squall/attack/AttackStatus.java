package dev.squall.attack;

import java.util.Objects;

/** How an attack on one item ended. A closed family. */
public sealed interface AttackStatus {
  /** A valid candidate reached the goal. */
  record Succeeded() implements AttackStatus {}

  /** Valid candidates were scored but none reached the goal ({@code reason}: budget or search exhausted). */
  record Failed(String reason) implements AttackStatus {
    public Failed {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The item was not attacked (goal already met, missing reference or world, budget too small...). */
  record Skipped(String reason) implements AttackStatus {
    public Skipped {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Every candidate broke a constraint (e.g. changed the oracle's verdict): nothing valid to score. */
  record Invalid(String reason) implements AttackStatus {
    public Invalid {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Lower-case name for reports: succeeded, failed, skipped, invalid. */
  default String id() {
    return getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }
}
