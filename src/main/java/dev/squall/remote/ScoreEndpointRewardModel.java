package dev.squall.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.squall.Versions;
import dev.squall.rm.Critique;
import dev.squall.rm.Metered;
import dev.squall.rm.ModelInfo;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardModelKind;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringProvenance;
import dev.squall.rm.ScoringRequest;
import dev.squall.rm.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A reward model behind a score endpoint (vLLM pooling/classify, TEI predict, {@code squall
 * serve}'s {@code /score}); see {@link ScoreEndpointSpec}. Requests run concurrently through the
 * {@link ResilientCaller}; a request that finally fails yields {@link RewardResult#failed}. When the
 * endpoint returns a critique it is kept (reward = the returned reward). A response's {@code usage}
 * ({@code prompt_tokens}, {@code completion_tokens}; vLLM's pooling and classify endpoints send it)
 * is metered as meter {@code score}; endpoints that send none meter requests only. Thread-safe.
 */
public final class ScoreEndpointRewardModel implements RewardModel, Metered {
  /** The name of this model's one meter. */
  public static final String METER = "score";

  private final ResilientCaller caller;
  private final ScoreEndpointSpec spec;
  private final ModelInfo info;
  private final ScoringProvenance provenance;

  /** @param kind what the served model is, when known (else {@link RewardModelKind#REMOTE}) */
  public ScoreEndpointRewardModel(String name, RewardModelKind kind, ResilientCaller caller, ScoreEndpointSpec spec) {
    this.caller = caller;
    this.spec = spec;
    String id = "remote:" + caller.settings().baseUrl() + spec.path() + "#" + caller.settings().model();
    this.info = new ModelInfo(name, kind, "score endpoint " + spec.path(), id, 0);
    this.provenance = new ScoringProvenance(name, id, kind, Optional.empty(), Versions.squall());
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  public TokenUsage usage() {
    return caller.usage();
  }

  @Override
  public List<Usage> meters() {
    return List.of(caller.usage(METER));
  }

  @Override
  public List<RewardResult> scoreAll(List<ScoringRequest> requests) {
    List<CallResult<RewardResult>> results =
        caller.mapAll(requests, r -> caller.postJson(spec.path(), spec.render(r, caller.settings().model()), n -> parse(n, r)));
    List<RewardResult> out = new ArrayList<>(results.size());
    for (CallResult<RewardResult> c : results) {
      out.add(c instanceof CallResult.Ok<RewardResult> ok ? ok.value()
          : RewardResult.failed(((CallResult.Failed<RewardResult>) c).error(), provenance));
    }
    return out;
  }

  private RewardResult parse(JsonNode n, ScoringRequest r) {
    double reward = spec.responsePath().number(n);
    if (!Double.isFinite(reward)) {
      throw new IllegalArgumentException("reward is not finite");
    }
    List<Critique> critiques = List.of();
    if (spec.critiquePath().isPresent()) {
      JsonNode c = null;
      try {
        c = spec.critiquePath().get().select(n);
      } catch (IllegalArgumentException absent) {
        // a classic model's answer has no critique
      }
      if (c != null && c.isTextual() && (!c.asText().isEmpty() || r.givenCritique().isPresent())) {
        critiques =
            List.of(new Critique(c.asText(), n.path("truncated").asBoolean(false), n.path("critique_tokens").asInt(0), reward,
                r.givenCritique().isPresent()));
      }
    }
    JsonNode usage = n.path("usage");
    caller.meter().tokens(usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0));
    return new RewardResult(reward, critiques, provenance);
  }

  @Override
  public void close() {
    caller.close();
  }
}
