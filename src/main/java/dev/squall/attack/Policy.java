package dev.squall.attack;

import java.util.List;

/**
 * Proposes rewrites of a response (for policy-driven, PAIR-style attacks). Implementations: the
 * {@link TemplatePolicy} here, the embedded policy LM and remote chat models later. Deterministic
 * given {@code seed}.
 */
public interface Policy {
  String name();

  /** Up to {@code n} rewrites of {@code response} to {@code prompt}. */
  List<String> propose(String prompt, String response, int n, long seed);
}
