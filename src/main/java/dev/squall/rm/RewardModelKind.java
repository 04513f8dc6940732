package dev.squall.rm;

/** The families of reward model Squall compares. */
public enum RewardModelKind {
  /** A score head on the final hidden state of the last token of prompt + response. */
  CLASSIC,
  /** Critique-out-loud: writes a critique, then a reward head reads prompt + response + critique. */
  CLOUD
}
