package dev.squall.rm;

/** The families of reward model Squall compares. */
public enum RewardModelKind {
  /** A score head on the final hidden state of the last token of prompt + response. */
  CLASSIC,
  /** Critique-out-loud: writes a critique, then a reward head reads prompt + response + critique. */
  CLOUD,
  /** An LLM asked (over a chat API) to grade a response; the reward is the parsed grade. */
  GENERATIVE_JUDGE,
  /** A reward served by a remote score endpoint whose model family is not known. */
  REMOTE
}
