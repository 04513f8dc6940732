package dev.squall.campaign.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.Seeds;
import dev.squall.attack.recipe.AttackRecipe;
import dev.squall.attack.recipe.AttackResources;
import dev.squall.attack.recipe.ComponentSpec;
import dev.squall.attack.recipe.RecipeRegistry;
import dev.squall.campaign.config.CampaignConfig;
import dev.squall.campaign.config.CampaignConfig.EvaluatorSpec;
import dev.squall.campaign.store.RunStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Builds a campaign's stages from its evaluators: the one place a new evaluator type plugs in. */
public final class Stages {
  private Stages() {}

  /** The attack recipe names robustness evaluators may use (the built-in recipes). */
  public static Set<String> knownAttacks() {
    return RecipeRegistry.builtIn().all().stream().map(AttackRecipe::name).collect(Collectors.toSet());
  }

  /**
   * {@link #build(CampaignConfig, Optional, AttackResources, RunStore, PolicyHandle)} with {@link
   * AttackResources#defaults()} and no store or policy: for listing and summarising stages. Their
   * attacks load no model unless run, and a best-of-N stage sampling from a policy refuses to
   * process items.
   */
  public static List<Stage> build(CampaignConfig cfg, Optional<Integer> cliMaxItems) {
    return build(cfg, cliMaxItems, AttackResources.defaults(), null, null);
  }

  /**
   * The stages of a run, in evaluator order (a robustness evaluator gives one stage per attack);
   * best-of-N stages with {@code "candidates": "policy"} sample from {@code policy} and keep their
   * candidates in {@code store} (both null: summarize only).
   *
   * @param cliMaxItems {@code --max-items}, capping every stage further
   * @param resources what the attacks are built with (the policy of policy-driven rewriting);
   *     shared by every robustness stage, not closed here
   */
  static List<Stage> build(CampaignConfig cfg, Optional<Integer> cliMaxItems,
      AttackResources resources, RunStore store, PolicyHandle policy) {
    List<Stage> out = new ArrayList<>();
    for (EvaluatorSpec e : cfg.evaluators()) {
      int cap = cap(e.maxItems(), cfg.maxItems(), cliMaxItems);
      long seed = Seeds.derive(cfg.seed(), "stage", e.id());
      var ds = cfg.dataset(e.dataset());
      switch (e.type()) {
        case "ood" -> out.add(new OodStage(e.id(), ds, e.splits(), e.models(), cap, seed));
        case "best_of_n" -> {
          CandidateSource source = switch (e.candidates()) {
            case "pair_phrases" -> new PairPhraseCandidates(e.id(), seed);
            default -> store == null ? summaryOnly(cfg) : new PolicyCandidates(e.id(), policy, store);
          };
          out.add(new BestOfNStage(e.id(), ds, e.splits(), e.models(), cap, e.ns(), seed, source));
        }
        case "robustness" -> {
          RecipeRegistry reg = RecipeRegistry.builtIn();
          for (String name : e.attacks()) {
            AttackRecipe r = reg.get(name);
            if (e.queryBudget().isPresent()) {
              ObjectNode p = r.goal().params().deepCopy();
              p.put("budget", e.queryBudget().get());
              r = new AttackRecipe(r.name(), r.family(), r.description(), r.source(), r.transformation(),
                  r.constraints(), new ComponentSpec(r.goal().type(), p, r.goal().where()), r.search(), r.file());
            }
            out.add(new RobustnessStage(e.id(), r.build(resources), ds, e.splits(), e.models(),
                cap, seed));
          }
        }
        default -> throw new IllegalStateException("unknown evaluator type " + e.type());
      }
    }
    return out;
  }

  /** Describes the policy in summaries but refuses to sample (reports read stored rows only). */
  private static CandidateSource summaryOnly(CampaignConfig cfg) {
    return new CandidateSource() {
      @Override
      public List<List<String>> candidates(List<dev.squall.world.PreferencePair> batch, int max) {
        return CandidateSource.NONE.candidates(batch, max);
      }

      @Override
      public String describe() {
        return PolicyCandidates.describe(cfg.policy());
      }
    };
  }

  @SafeVarargs
  static int cap(Optional<Integer>... caps) {
    int c = 0;
    for (Optional<Integer> o : caps) {
      if (o.isPresent()) {
        c = c == 0 ? o.get() : Math.min(c, o.get());
      }
    }
    return c;
  }
}
