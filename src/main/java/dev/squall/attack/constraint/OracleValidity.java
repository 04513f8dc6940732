package dev.squall.attack.constraint;

import dev.squall.attack.AttackContext;
import dev.squall.attack.AttackedText;
import dev.squall.attack.Constraint;
import dev.squall.world.Verdict;
import dev.squall.world.World;

/**
 * The world oracle's verdict must not change: a wrong response stays wrong, a right one stays
 * right (judged by {@link World#judge}). Without a world the check cannot be made: rejected
 * unless {@code allowWithoutWorld}. Stateless.
 */
public record OracleValidity(boolean allowWithoutWorld) implements Constraint {
  @Override
  public String name() {
    return "oracle_validity";
  }

  @Override
  public Check check(AttackedText original, AttackedText candidate, AttackContext ctx) {
    if (ctx.world().isEmpty()) {
      return allowWithoutWorld ? Check.ok() : Check.reject("the item has no world oracle to check validity");
    }
    World w = ctx.world().get();
    Verdict before = w.judge(ctx.prompt(), original.text());
    Verdict after = w.judge(ctx.prompt(), candidate.text());
    if (before.correct() != after.correct()) {
      return Check.reject(
          "oracle verdict flipped from " + (before.correct() ? "correct" : "wrong") + " to "
              + (after.correct() ? "correct" : "wrong") + " (expected " + after.expected() + ", found '"
              + after.found() + "')");
    }
    return Check.ok();
  }
}
