package dev.squall.rm.local;

import dev.squall.text.ChatTemplate;
import dev.squall.text.TextTokenizer;
import dev.squall.text.TokenizerConfig;
import java.time.Clock;

/**
 * Public view of {@link PromptFormat} for training code, so models are trained on exactly the
 * texts {@link ClassicRewardModel} and {@link CloudRewardModel} read at inference. Immutable.
 */
public final class TrainingFormat {
  private final PromptFormat format;

  private TrainingFormat(PromptFormat format) {
    this.format = format;
  }

  /** The format of a model folder with this tokenizer config and tokenizer. */
  public static TrainingFormat of(TokenizerConfig cfg, TextTokenizer tokenizer) {
    return new TrainingFormat(
        new PromptFormat(ChatTemplate.forConfig(cfg, Clock.systemUTC()), cfg, tokenizer));
  }

  /** The chat-rendered prompt and response; a classic RM reads its reward at its last token. */
  public String conversation(String prompt, String response) {
    return format.conversation(prompt, response);
  }

  /** Conversation plus the opened critique turn: the text a critique continues. */
  public String critiquePrompt(String prompt, String response) {
    return format.critiquePrompt(prompt, response);
  }

  /** Critique prompt + critique + end of turn: a CLoud RM reads its reward at its last token. */
  public String rewardText(String prompt, String response, String critique) {
    return format.rewardText(prompt, response, critique);
  }

  public String endOfTurn() {
    return format.endOfTurn();
  }
}
