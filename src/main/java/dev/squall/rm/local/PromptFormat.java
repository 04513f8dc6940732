package dev.squall.rm.local;

import dev.squall.text.ChatMessage;
import dev.squall.text.ChatTemplate;
import dev.squall.text.TextTokenizer;
import dev.squall.text.TokenizerConfig;
import java.util.List;

/**
 * The texts a reward model reads, built with the model's chat template as the public CLoud code
 * builds them.
 *
 * <ul>
 *   <li>Conversation: user prompt then assistant response, rendered by the template (for Llama-3
 *       it ends with the assistant turn's {@code <|eot_id|>}, where a classic RM reads its reward).
 *   <li>Critique prefix: a one-message chat {@code [user: COT_PROMPT]} rendered and stripped of
 *       the BOS text, EOS text and {@code <|eot_id|>}; templates that trim content leave no
 *       trailing space after "question:".
 *   <li>End of turn: {@code <|eot_id|>} when the vocabulary has it, else the EOS token text.
 * </ul>
 */
final class PromptFormat {
  /** The CLoud code's critique instruction (COT_PROMPT). */
  static final String COT_PROMPT =
      "The following is a break down on the correctness and usefulness of the assistant's"
          + " response to my question: ";

  private final ChatTemplate template;
  private final String critiquePrefix;
  private final String endOfTurn;

  PromptFormat(ChatTemplate template, TokenizerConfig cfg, TextTokenizer tokenizer) {
    this.template = template;
    String eot = tokenizer.tokenId("<|eot_id|>") >= 0 ? "<|eot_id|>" : null;
    String prefix = template.render(List.of(ChatMessage.user(COT_PROMPT)), false);
    for (String special : new String[] {cfg.bosToken(), cfg.eosToken(), eot}) {
      if (special != null && !special.isEmpty()) {
        prefix = prefix.replace(special, "");
      }
    }
    this.critiquePrefix = prefix;
    this.endOfTurn = eot != null ? eot : (cfg.eosToken() == null ? "" : cfg.eosToken());
  }

  String conversation(String prompt, String response) {
    return template.render(List.of(ChatMessage.user(prompt), ChatMessage.assistant(response)), false);
  }

  /** Conversation followed by the opened critique turn: the text a critique continues. */
  String critiquePrompt(String prompt, String response) {
    return conversation(prompt, response) + critiquePrefix;
  }

  /** The text whose last token carries the CLoud reward. */
  String rewardText(String prompt, String response, String critique) {
    return critiquePrompt(prompt, response) + critique + endOfTurn;
  }

  String critiquePrefix() {
    return critiquePrefix;
  }

  String endOfTurn() {
    return endOfTurn;
  }
}
