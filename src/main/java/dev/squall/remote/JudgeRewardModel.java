package dev.squall.remote;

import dev.squall.Seeds;
import dev.squall.Versions;
import dev.squall.rm.Critique;
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
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * LLM-as-judge with absolute scores: the template (placeholders {@code {prompt}}, {@code
 * {response}}) asks for a score in {@code [min, max]}; the reward is the parsed score ({@link
 * JudgeParsing#score}) and the judge's answer is kept as the critique. An answer with no parseable
 * score is an error result of kind {@code parse} (never a default score). Usage is metered as meter
 * {@code judge} (the chat endpoint's reported tokens). Thread-safe.
 */
public final class JudgeRewardModel implements RewardModel, Metered {
  /** The name of this model's one meter. */
  public static final String METER = "judge";

  /** The default 1–10 grading prompt. */
  public static final String DEFAULT_TEMPLATE =
      "Please act as an impartial judge and rate the quality of the assistant's response to the"
          + " user's question on a scale of 1 to 10, where 10 is best. Briefly explain, then give"
          + " your final answer on its own line as \"Score: N\".\n\n[Question]\n{prompt}\n\n"
          + "[Assistant's response]\n{response}";

  private final OpenAiChatClient chat;
  private final String template;
  private final double min;
  private final double max;
  private final int maxTokens;
  private final long seed;
  private final ModelInfo info;
  private final ScoringProvenance provenance;

  public JudgeRewardModel(String name, OpenAiChatClient chat, String template, double min, double max, int maxTokens, long seed) {
    if (!template.contains("{response}")) {
      throw new IllegalArgumentException("judge template must contain {response}");
    }
    this.chat = chat;
    this.template = template;
    this.min = min;
    this.max = max;
    this.maxTokens = maxTokens;
    this.seed = seed;
    String id = "judge:" + chat.caller().settings().baseUrl() + "#" + chat.caller().settings().model();
    this.info = new ModelInfo(name, RewardModelKind.GENERATIVE_JUDGE, "chat judge " + min + "-" + max, id, 0);
    this.provenance = new ScoringProvenance(name, id, RewardModelKind.GENERATIVE_JUDGE, Optional.empty(), Versions.squall());
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  public TokenUsage usage() {
    return chat.caller().usage();
  }

  @Override
  public List<Usage> meters() {
    return List.of(chat.caller().usage(METER));
  }

  @Override
  public List<RewardResult> scoreAll(List<ScoringRequest> requests) {
    List<ChatCall> calls = new ArrayList<>();
    for (ScoringRequest r : requests) {
      String text = template.replace("{prompt}", r.prompt()).replace("{response}", r.response());
      calls.add(new ChatCall(List.of(ChatMessage.user(text)), maxTokens, 0.0, 1.0,
          OptionalLong.of(Seeds.derive(seed, r.prompt(), r.response())), 1.0, false));
    }
    List<RewardResult> out = new ArrayList<>();
    for (CallResult<ChatCompletion> c : chat.completeAll(calls)) {
      if (c instanceof CallResult.Failed<ChatCompletion> f) {
        out.add(RewardResult.failed(f.error(), provenance));
        continue;
      }
      ChatCompletion cc = ((CallResult.Ok<ChatCompletion>) c).value();
      OptionalDouble s = JudgeParsing.score(cc.text(), min, max);
      if (s.isEmpty()) {
        String head = cc.text().length() > 120 ? cc.text().substring(0, 120) + "..." : cc.text();
        out.add(RewardResult.failed(new ScoringError("parse", "no score in [" + min + ", " + max + "] in judge answer: " + head, 1), provenance));
      } else {
        out.add(new RewardResult(s.getAsDouble(),
            List.of(new Critique(cc.text(), cc.truncated(), (int) cc.completionTokens(), s.getAsDouble(), false)), provenance));
      }
    }
    return out;
  }

  @Override
  public void close() {
    chat.caller().close();
  }
}
