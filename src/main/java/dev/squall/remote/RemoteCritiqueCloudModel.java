package dev.squall.remote;

import dev.squall.Seeds;
import dev.squall.Versions;
import dev.squall.rm.Critique;
import dev.squall.rm.CritiqueDecoding;
import dev.squall.rm.Metered;
import dev.squall.rm.ModelInfo;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardModelKind;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringError;
import dev.squall.rm.ScoringProvenance;
import dev.squall.rm.ScoringRequest;
import dev.squall.rm.Usage;
import dev.squall.text.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A CLoud reward model composed of a critique writer served over an OpenAI-compatible chat API and
 * a reward head that scores (prompt, response, given critique): a local {@code CloudRewardModel},
 * or a {@link ScoreEndpointRewardModel} on a server's score endpoint.
 *
 * <p>The critique is requested as the CLoud code writes it: the conversation {@code [user: prompt,
 * assistant: response, user: CRITIQUE_INSTRUCTION]} with the last message continued ({@code
 * continue_final_message}), seed {@code Seeds.derive(decoding.seed, prompt, response, s)} for
 * sample {@code s} (as in-process), stripped. With several samples the reward is their mean. If a
 * critique or its reward finally fails, the request's result is an error. Thread-safe when the
 * reward head is.
 *
 * <p>Usage: meter {@code critiques} (the chat endpoint), then each of the reward head's meters
 * renamed {@code reward:<meter>} (e.g. {@code reward:score}, {@code reward:local}) when the head is
 * {@link Metered}; each meter keeps its own endpoint's prices.
 */
public final class RemoteCritiqueCloudModel implements RewardModel, Metered {
  /** The meter of the critique-writing chat endpoint. */
  public static final String CRITIQUES_METER = "critiques";

  /** The CLoud code's critique instruction (COT_PROMPT), as {@code PromptFormat} uses it. */
  public static final String CRITIQUE_INSTRUCTION =
      "The following is a break down on the correctness and usefulness of the assistant's"
          + " response to my question: ";

  private final OpenAiChatClient chat;
  private final RewardModel rewardHead;
  private final CritiqueDecoding decoding;
  private final ModelInfo info;
  private final ScoringProvenance provenance;

  public RemoteCritiqueCloudModel(String name, OpenAiChatClient chat, RewardModel rewardHead, CritiqueDecoding decoding) {
    this.chat = chat;
    this.rewardHead = rewardHead;
    this.decoding = decoding;
    String id =
        "remote-critiques:" + chat.caller().settings().baseUrl() + "#" + chat.caller().settings().model()
            + "+reward:" + rewardHead.info().modelHash();
    this.info = new ModelInfo(name, RewardModelKind.CLOUD, "remote critiques + " + rewardHead.info().layout(), id,
        rewardHead.info().parameters());
    this.provenance = new ScoringProvenance(name, id, RewardModelKind.CLOUD, Optional.of(decoding), Versions.squall());
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  /** The critique-writing chat endpoint's usage (the reward head's is in {@link #meters()}). */
  public TokenUsage usage() {
    return chat.caller().usage();
  }

  @Override
  public List<Usage> meters() {
    List<Usage> out = new ArrayList<>();
    out.add(chat.caller().usage(CRITIQUES_METER));
    if (rewardHead instanceof Metered m) {
      for (Usage u : m.meters()) {
        out.add(u.withMeter("reward:" + u.meter()));
      }
    }
    return out;
  }

  /** The chat call that writes critique {@code sample} for {@code r}. */
  public ChatCall critiqueCall(ScoringRequest r, int sample) {
    return new ChatCall(
        List.of(ChatMessage.user(r.prompt()), ChatMessage.assistant(r.response()), ChatMessage.user(CRITIQUE_INSTRUCTION)),
        decoding.maxTokens(), decoding.temperature(), decoding.topP(),
        OptionalLong.of(Seeds.derive(decoding.seed(), r.prompt(), r.response(), sample)),
        decoding.repetitionPenalty(), true);
  }

  @Override
  public List<RewardResult> scoreAll(List<ScoringRequest> requests) {
    int n = decoding.samples();
    List<ChatCall> calls = new ArrayList<>();
    for (ScoringRequest r : requests) {
      if (r.givenCritique().isEmpty()) {
        for (int s = 0; s < n; s++) {
          calls.add(critiqueCall(r, s));
        }
      }
    }
    List<CallResult<ChatCompletion>> done = chat.completeAll(calls);
    List<List<Critique>> drafts = new ArrayList<>();
    List<Optional<ScoringError>> errors = new ArrayList<>();
    List<ScoringRequest> headRequests = new ArrayList<>();
    int g = 0;
    for (ScoringRequest r : requests) {
      List<Critique> cs = new ArrayList<>();
      Optional<ScoringError> err = Optional.empty();
      if (r.givenCritique().isPresent()) {
        cs.add(new Critique(r.givenCritique().get().strip(), false, 0, Double.NaN, true));
      } else {
        for (int s = 0; s < n; s++) {
          CallResult<ChatCompletion> c = done.get(g++);
          if (c instanceof CallResult.Ok<ChatCompletion> ok) {
            ChatCompletion cc = ok.value();
            cs.add(new Critique(cc.text().strip(), cc.truncated(), (int) cc.completionTokens(), Double.NaN, false));
          } else if (err.isEmpty()) {
            err = Optional.of(((CallResult.Failed<ChatCompletion>) c).error());
          }
        }
      }
      if (err.isEmpty()) {
        for (Critique c : cs) {
          headRequests.add(r.withCritique(c.text()));
        }
      }
      drafts.add(cs);
      errors.add(err);
    }
    List<RewardResult> rewards = headRequests.isEmpty() ? List.of() : rewardHead.scoreAll(headRequests);
    List<RewardResult> out = new ArrayList<>(requests.size());
    int k = 0;
    for (int i = 0; i < requests.size(); i++) {
      if (errors.get(i).isPresent()) {
        out.add(RewardResult.failed(errors.get(i).get(), provenance));
        continue;
      }
      List<Critique> scored = new ArrayList<>();
      Optional<ScoringError> err = Optional.empty();
      double sum = 0;
      for (Critique c : drafts.get(i)) {
        RewardResult rr = rewards.get(k++);
        if (rr.isError()) {
          err = err.or(rr::error);
          continue;
        }
        sum += rr.reward();
        scored.add(new Critique(c.text(), c.truncated(), c.tokens(), rr.reward(), c.given()));
      }
      out.add(err.isPresent() ? RewardResult.failed(err.get(), provenance)
          : new RewardResult(sum / scored.size(), scored, provenance));
    }
    return out;
  }

  @Override
  public void close() {
    chat.caller().close();
    rewardHead.close();
  }
}
