package dev.squall.policy;

import java.util.List;

/**
 * Samples candidate responses to a prompt (for best-of-N and policy-driven attacks): the embedded
 * policy LM or a remote chat model. Deterministic given {@code seed} where the backend allows.
 */
public interface CandidatePolicy extends AutoCloseable {
  String name();

  /** {@code n} sampled responses to {@code prompt}, sample {@code i} seeded from {@code seed} and {@code i}. */
  List<String> sample(String prompt, int n, double temperature, long seed);

  @Override
  default void close() {}
}
