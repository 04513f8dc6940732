package dev.squall.rm.local;

import dev.squall.Versions;
import dev.squall.rm.Metered;
import dev.squall.rm.ModelInfo;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardModelKind;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringProvenance;
import dev.squall.rm.ScoringRequest;
import dev.squall.rm.Usage;
import dev.squall.text.TextTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A classic reward model: the chat-formatted prompt and response run through the trunk once and a
 * score head reads the final hidden state of the last token. A critique given in a request is
 * ignored. Meters (meter {@code local}) the requests scored and the tokens read. Not thread-safe,
 * except {@link #meters()}.
 */
public final class ClassicRewardModel implements RewardModel, Metered {
  private final ModelInfo info;
  private final RewardForward forward;
  private final TextTokenizer tokenizer;
  private final PromptFormat format;
  private final ScoringProvenance provenance;
  private final LocalUsage usage = new LocalUsage();

  ClassicRewardModel(
      ModelInfo info, RewardForward forward, TextTokenizer tokenizer, PromptFormat format) {
    this.info = info;
    this.forward = forward;
    this.tokenizer = tokenizer;
    this.format = format;
    this.provenance =
        new ScoringProvenance(
            info.name(), info.modelHash(), RewardModelKind.CLASSIC, Optional.empty(), Versions.squall());
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  @Override
  public List<RewardResult> scoreAll(List<ScoringRequest> requests) {
    List<String> texts = new ArrayList<>(requests.size());
    for (ScoringRequest r : requests) {
      texts.add(format.conversation(r.prompt(), r.response()));
    }
    List<long[]> ids = tokenizer.encodeAll(texts);
    double[] rewards = forward.rewards(ids);
    usage.add(requests.size(), LocalUsage.tokens(ids), 0);
    List<RewardResult> out = new ArrayList<>(requests.size());
    for (double reward : rewards) {
      out.add(new RewardResult(reward, List.of(), provenance));
    }
    return out;
  }

  @Override
  public List<Usage> meters() {
    return List.of(usage.snapshot());
  }

  /** The exact text the score head reads for a request (for inspection and tests). */
  public String formattedText(ScoringRequest r) {
    return format.conversation(r.prompt(), r.response());
  }

  /** Native arrays alive under this model (weights plus any leak): for diagnostics and tests. */
  public int liveArrayCount() {
    return forward.model().liveArrayCount();
  }

  @Override
  public void close() {
    forward.model().close();
    tokenizer.close();
  }
}
