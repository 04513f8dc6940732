package dev.squall.attack.transform;

import dev.squall.attack.AttackContext;
import dev.squall.attack.AttackedText;
import dev.squall.attack.Policy;
import dev.squall.attack.Transformation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Asks a {@link Policy} for rewrites of the current text (PAIR-style, Chao et al. 2023: search
 * keeps the best-scoring ones and asks again). Thread-safety is the policy's.
 */
public record PolicyRewrite(Policy policy) implements Transformation {
  public PolicyRewrite {
    Objects.requireNonNull(policy, "policy");
  }

  @Override
  public String name() {
    return "policy_rewrite";
  }

  @Override
  public List<AttackedText> transform(AttackedText text, AttackContext ctx, int n, long seed) {
    List<AttackedText> out = new ArrayList<>();
    for (String p : policy.propose(ctx.prompt(), text.text(), n, seed)) {
      if (!p.equals(text.text())) {
        out.add(text.rewrite(name() + ":" + policy.name(), p));
      }
    }
    return out;
  }
}
