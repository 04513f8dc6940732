package dev.squall.campaign.run;

import dev.squall.ConfigException;
import dev.squall.campaign.config.CampaignConfig.PolicySpec;
import dev.squall.campaign.store.RunStore;
import dev.squall.policy.CandidatePolicy;
import java.util.Map;

/**
 * The run's policy, opened on first use (a resumed run whose candidates are all stored never
 * loads it). On opening, the policy's identity (source, content hash, sampling settings) is written
 * to the run store's {@code policy} meta entry; if the run already has one that differs, opening
 * fails, because the items still to sample would get candidates from another policy than the
 * stored ones. Thread-safe; closes the policy it opened.
 */
final class PolicyHandle implements AutoCloseable {
  /** The run store meta key holding the policy's identity. */
  static final String META_KEY = "policy";

  private final PolicySpec spec;
  private final PolicyProvider provider;
  private final RunStore store;
  private CandidatePolicy policy;

  PolicyHandle(PolicySpec spec, PolicyProvider provider, RunStore store) {
    this.spec = spec;
    this.provider = provider;
    this.store = store;
  }

  PolicySpec spec() {
    return spec;
  }

  /**
   * The open policy.
   *
   * @throws ConfigException when the run was started with another policy
   */
  synchronized CandidatePolicy get() {
    if (policy == null) {
      String identity = identity(spec, provider.hash(spec));
      String stored = store.meta(META_KEY);
      if (stored != null && !stored.equals(identity)) {
        throw new ConfigException("the best-of-N policy is now " + identity + " but this run sampled"
            + " its stored candidates with " + stored + "; resuming would mix two policies");
      }
      policy = provider.open(spec);
      if (stored == null) {
        store.putMeta(Map.of(META_KEY, identity));
      }
    }
    return policy;
  }

  /** The policy's identity as stored: a JSON object of source, hash and sampling settings. */
  static String identity(PolicySpec spec, String hash) {
    var o = Reports.JSON.createObjectNode();
    o.put("source", spec.source());
    o.put("hash", hash);
    o.put("sampling", spec.samplingKey());
    return o.toString();
  }

  @Override
  public synchronized void close() {
    if (policy != null) {
      policy.close();
      policy = null;
    }
  }
}
