package dev.squall.campaign.run;

import dev.squall.Seeds;
import dev.squall.SquallException;
import dev.squall.campaign.config.CampaignConfig.PolicySpec;
import dev.squall.campaign.store.RunStore;
import dev.squall.policy.CandidatePolicy;
import dev.squall.world.PreferencePair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code policy} candidate source: candidates sampled from the campaign's policy and kept in
 * the run store. A batch's items whose candidates are stored get them back unchanged; the others
 * are sampled (item i's seed is {@code Seeds.derive(policy seed, stage id, item id)}, and the
 * policy derives candidate k's seed from it, the prompt and k) and stored in one transaction before
 * any reward model sees them. So a resumed run, a second model of the stage, or a policy that
 * ignores seeds (some remote servers do) never scores different texts for the same item.
 *
 * <p>Thread-safe: {@link #candidates} is synchronised, so models scored concurrently ({@code
 * --threads}) share one sampling.
 */
final class PolicyCandidates implements CandidateSource {
  private final String stageId;
  private final PolicyHandle policy;
  private final RunStore store;

  PolicyCandidates(String stageId, PolicyHandle policy, RunStore store) {
    this.stageId = stageId;
    this.policy = policy;
    this.store = store;
  }

  @Override
  public synchronized List<List<String>> candidates(List<PreferencePair> batch, int max) {
    List<String> ids = batch.stream().map(PreferencePair::id).toList();
    Map<String, List<String>> stored = store.candidates(stageId, ids);
    Map<String, List<String>> fresh = new LinkedHashMap<>();
    PolicySpec spec = policy.spec();
    for (PreferencePair p : batch) {
      if (stored.containsKey(p.id()) || fresh.containsKey(p.id())) {
        continue;
      }
      CandidatePolicy pol = policy.get();
      List<String> texts =
          pol.sample(p.prompt(), max, spec.temperature(), Seeds.derive(spec.seed(), stageId, p.id()));
      if (texts.size() < max) {
        throw new SquallException("policy " + pol.name() + " returned " + texts.size()
            + " candidates for item " + p.id() + "; the stage needs max(ns)=" + max);
      }
      fresh.put(p.id(), List.copyOf(texts.subList(0, max)));
    }
    if (!fresh.isEmpty()) {
      store.putCandidates(stageId, fresh);
    }
    List<List<String>> out = new ArrayList<>(batch.size());
    for (PreferencePair p : batch) {
      List<String> texts = stored.containsKey(p.id()) ? stored.get(p.id()) : fresh.get(p.id());
      if (texts.size() < max) {
        throw new SquallException("item " + p.id() + " of stage " + stageId + " has " + texts.size()
            + " stored candidates; the stage needs max(ns)=" + max);
      }
      out.add(texts.subList(0, max));
    }
    return out;
  }

  @Override
  public String describe() {
    return describe(policy.spec());
  }

  /**
   * {@code sampled from <source> (temperature T)}: the embedded name or folder, or {@code remote
   * <name>}.
   */
  static String describe(PolicySpec s) {
    String from = s.remote().isPresent() ? "remote " + s.remote().get().path("name").asText("policy") : s.source();
    return "sampled from " + from + " (temperature " + s.temperature() + ")";
  }
}
