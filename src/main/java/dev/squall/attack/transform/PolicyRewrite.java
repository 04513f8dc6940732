package dev.squall.attack.transform;

import dev.squall.attack.AttackContext;
import dev.squall.attack.AttackedText;
import dev.squall.attack.Transformation;
import dev.squall.policy.CandidatePolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Policy-driven rewriting (PAIR, Chao et al. 2023, arXiv:2310.08419): asks a {@link
 * CandidatePolicy} for {@code n} rewrites of the current text, with the prompt {@link #ask} makes
 * and at {@link #temperature}; a search method scores them with the target model in one batch,
 * keeps the best-scoring valid ones and asks again from those, so the loop of the paper (attacker
 * proposes, target is queried, the best attempts seed the next round) runs within the goal's
 * query budget. Only target-model queries count against that budget; policy samples do not.
 *
 * <p>Each proposal replaces the current text, recorded as one edit of kind {@code
 * policy_rewrite:<policy name>} over the span that differs; blank proposals, the current text itself and repeats are dropped, so fewer than {@code
 * n} candidates may come back. Deterministic when the policy is (sample {@code i} seeded from the
 * search's seed and {@code i}). Thread-safety is the policy's.
 */
public record PolicyRewrite(CandidatePolicy policy, RewritePrompt ask, double temperature)
    implements Transformation {
  /** Default sampling temperature: the policy's own distribution. */
  public static final double DEFAULT_TEMPERATURE = 1.0;

  public PolicyRewrite {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(ask, "ask");
    if (!(temperature >= 0 && Double.isFinite(temperature))) {
      throw new IllegalArgumentException("temperature must be a finite number >= 0, was " + temperature);
    }
  }

  /** Resampling the user prompt at temperature 1: what the embedded policy organism can do. */
  public static PolicyRewrite resampling(CandidatePolicy policy) {
    return new PolicyRewrite(policy, new RewritePrompt.Resample(), DEFAULT_TEMPERATURE);
  }

  @Override
  public String name() {
    return "policy_rewrite";
  }

  @Override
  public List<AttackedText> transform(AttackedText text, AttackContext ctx, int n, long seed) {
    if (n <= 0) {
      return List.of();
    }
    List<String> samples = policy.sample(ask.render(ctx.prompt(), text.text()), n, temperature, seed);
    String kind = name() + ":" + policy.name();
    Set<String> seen = new HashSet<>();
    List<AttackedText> out = new ArrayList<>();
    for (String s : samples) {
      if (!s.isBlank() && !s.equals(text.text()) && seen.add(s)) {
        out.add(text.rewrite(kind, s));
      }
    }
    return out;
  }
}
