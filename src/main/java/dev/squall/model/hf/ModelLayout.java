package dev.squall.model.hf;

/**
 * The tensor layouts Squall reads, each with where its trunk, LM head and reward head live.
 *
 * <ul>
 *   <li>{@link #CAUSAL_LM}: {@code LlamaForCausalLM} — a base LM or policy, no reward head.
 *   <li>{@link #SEQUENCE_CLASSIFICATION}: {@code LlamaForSequenceClassification} — a classic RM
 *       with a linear {@code score.weight} head.
 *   <li>{@link #CLOUD_VANILLA}: the CLoud code's {@code FeedbackRewardModel} with {@code
 *       feedback_method=vanilla} — a classic RM with the 2-layer MLP reward head.
 *   <li>{@link #CLOUD_TEACHER}: {@code FeedbackRewardModel} with {@code feedback_method=teacher}
 *       — a critique-out-loud RM (LM head for critiques + MLP reward head).
 * </ul>
 */
public enum ModelLayout {
  CAUSAL_LM("LlamaForCausalLM", "model.", "lm_head.weight"),
  SEQUENCE_CLASSIFICATION("LlamaForSequenceClassification", "model.", null),
  CLOUD_VANILLA(
      "FeedbackRewardModel (feedback_method=vanilla)",
      "reward_base_model.model.",
      "reward_base_model.lm_head.weight"),
  CLOUD_TEACHER(
      "FeedbackRewardModel (feedback_method=teacher)",
      "reward_base_model.model.",
      "reward_base_model.lm_head.weight");

  /** Prefix of the CLoud MLP reward head's tensors. */
  public static final String CLOUD_HEAD = "reward_head.";

  private final String description;
  private final String trunkPrefix;
  private final String lmHeadName;

  ModelLayout(String description, String trunkPrefix, String lmHeadName) {
    this.description = description;
    this.trunkPrefix = trunkPrefix;
    this.lmHeadName = lmHeadName;
  }

  public String description() {
    return description;
  }

  /** Prefix of the Llama trunk tensors, e.g. {@code model.}. */
  public String trunkPrefix() {
    return trunkPrefix;
  }

  /** Name of the untied LM head tensor, or null when the layout has none. */
  public String lmHeadName() {
    return lmHeadName;
  }

  public boolean isRewardModel() {
    return this != CAUSAL_LM;
  }
}
