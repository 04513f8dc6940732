package dev.squall.attack;

import java.util.Objects;

/**
 * Decides whether a candidate may be used. Open extension point. A rejected candidate is
 * discarded before it is scored, counted and reported; it is never a success. Implementations
 * should be stateless and thread-safe.
 */
public interface Constraint {
  /** Short stable name, used in reports of rejections. */
  String name();

  /** Whether {@code candidate} (derived from {@code original}) is allowed, with the reason when not. */
  Check check(AttackedText original, AttackedText candidate, AttackContext context);

  default boolean allows(AttackedText original, AttackedText candidate, AttackContext context) {
    return check(original, candidate, context).allowed();
  }

  /** The outcome of a check; {@code reason} is empty when allowed. */
  record Check(boolean allowed, String reason) {
    private static final Check OK = new Check(true, "");

    public Check {
      Objects.requireNonNull(reason, "reason");
    }

    public static Check ok() {
      return OK;
    }

    public static Check reject(String reason) {
      return new Check(false, reason);
    }
  }
}
