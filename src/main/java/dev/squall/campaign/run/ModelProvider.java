package dev.squall.campaign.run;

import dev.squall.campaign.config.CampaignConfig.ModelSpec;
import dev.squall.model.hf.EmbeddedModels;
import dev.squall.rm.CritiqueDecoding;
import dev.squall.rm.RewardModel;
import dev.squall.rm.local.LoadOptions;
import dev.squall.rm.local.LocalModels;
import java.util.Optional;

/** Opens the reward models a campaign names. The default loads embedded models and local folders. */
public interface ModelProvider {
  RewardModel open(ModelSpec spec, int batchSize);

  /** The decoding parameters a spec implies (for provenance and CLoud loading). */
  static CritiqueDecoding decoding(ModelSpec spec) {
    return new CritiqueDecoding(
        spec.critiqueSamples(), spec.temperature(), 1.0, spec.maxCritiqueTokens(), 1.01, spec.seed());
  }

  /**
   * Embedded names ({@code cloud}, {@code classic}) and Hugging Face folders through {@link
   * LocalModels}; remote entries through {@code RemoteModels} (keys from the environment variables
   * the entries name).
   */
  static ModelProvider local() {
    return (spec, batch) ->
        spec.remote().isPresent()
            ? dev.squall.remote.RemoteModels.rewardModel(
                spec.remote().get(), dev.squall.remote.RemoteModels.defaultTransport(), System::getenv)
            : LocalModels.loadRewardModel(
            EmbeddedModels.resolve(spec.source()),
            LoadOptions.defaults().withDecoding(decoding(spec)).withBatchSize(Math.max(1, Math.min(batch, 64))));
  }

  /** Decoding as it appears in provenance (empty for models that ignore it is decided by kind). */
  static Optional<CritiqueDecoding> provenanceDecoding(ModelSpec spec) {
    return Optional.of(decoding(spec));
  }
}
