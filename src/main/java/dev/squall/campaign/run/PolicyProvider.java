package dev.squall.campaign.run;

import dev.squall.campaign.config.CampaignConfig.PolicySpec;
import dev.squall.model.hf.EmbeddedModels;
import dev.squall.model.hf.ModelFolder;
import dev.squall.policy.CandidatePolicy;
import dev.squall.policy.LocalPolicy;
import dev.squall.remote.RemoteModels;

/**
 * Opens the policy a campaign names for best-of-N sampling, and says which weights (or endpoint)
 * it is, so that a resumed run can refuse to mix the candidates of two policies. The default opens
 * the embedded policy and local folders as {@link LocalPolicy} and remote entries as {@code
 * RemotePolicy}; tests supply fakes.
 */
public interface PolicyProvider {
  /** Opens the policy; the caller closes it. */
  CandidatePolicy open(PolicySpec spec);

  /**
   * The identity of the policy's weights: the model folder's content hash for a local policy, a
   * SHA-256 of the entry (endpoint, model name, max tokens; never a key) for a remote one.
   */
  String hash(PolicySpec spec);

  /** Embedded policy and local folders through {@link LocalPolicy}; remote entries over HTTP. */
  static PolicyProvider local() {
    return new PolicyProvider() {
      @Override
      public CandidatePolicy open(PolicySpec spec) {
        if (spec.remote().isPresent()) {
          return RemoteModels.policy(spec.remote().get(), RemoteModels.defaultTransport(), System::getenv);
        }
        return LocalPolicy.load(EmbeddedModels.resolve(spec.source()), spec.maxNewTokens(),
            LocalPolicy.DEFAULT_MAX_BATCH);
      }

      @Override
      public String hash(PolicySpec spec) {
        return spec.remote().isPresent()
            ? CampaignRunner.sha256(spec.remote().get().toString())
            : ModelFolder.open(EmbeddedModels.resolve(spec.source())).hash();
      }
    };
  }
}
