package dev.squall.policy;

import java.util.List;

/**
 * Squall's one policy interface: samples responses to a prompt. Best-of-N draws its candidates
 * from it, and the policy-driven rewriting attack ({@code dev.squall.attack.transform.PolicyRewrite})
 * asks it for rewrites of a response under attack (the attack decides what prompt the policy is
 * given). Implementations: {@link LocalPolicy} (a local causal LM, e.g. the embedded {@code
 * policy} organism), {@code dev.squall.remote.RemotePolicy} (an OpenAI-compatible chat model), and
 * {@link LazyPolicy} (loads another one on first use).
 *
 * <p>Deterministic given {@code seed} where the backend allows: sample {@code i} should depend on
 * {@code (seed, prompt, i)} only, not on {@code n} or batching. Thread-safety is the
 * implementation's to state.
 */
public interface CandidatePolicy extends AutoCloseable {
  /** Short stable name (it appears in attack edit kinds and provenance). */
  String name();

  /**
   * {@code n} sampled responses to {@code prompt} (never fewer: a backend that cannot produce one
   * throws), sample {@code i} seeded from {@code seed} and {@code i}.
   *
   * @param temperature 0 for greedy decoding
   */
  List<String> sample(String prompt, int n, double temperature, long seed);

  /** Frees what the policy holds (native model, connections); idempotent. */
  @Override
  default void close() {}
}
