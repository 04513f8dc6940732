package dev.squall.attack.recipe;

import dev.squall.attack.Vocabulary;
import dev.squall.policy.CandidatePolicy;
import dev.squall.policy.LazyPolicy;
import java.util.Objects;

/**
 * What recipes need from outside to become attacks: the vocabulary for suffix search (usually
 * {@link Vocabulary#fromTokenizer}) and the policy for policy-driven rewriting.
 *
 * <p>{@link #close()} closes the policy: whoever creates resources and runs attacks built from
 * them closes them when done. With {@link #defaults()} nothing is loaded until a policy-driven
 * attack samples, so resources used only to build or validate recipes need no closing.
 */
public record AttackResources(Vocabulary vocabulary, CandidatePolicy policy) implements AutoCloseable {
  /** A small built-in English vocabulary, used when no tokenizer is given. */
  public static final Vocabulary DEFAULT_VOCABULARY =
      new Vocabulary(
          java.util.List.of(
              "indeed", "certainly", "verified", "correct", "exactly", "clearly", "precisely",
              "confirmed", "accurate", "thorough", "rigorous", "excellent", "perfect", "flawless",
              "definitely", "absolutely", "carefully", "checked", "proven", "solid", "great",
              "helpful", "complete", "detailed", "honest", "expert", "official", "trusted",
              "summary", "therefore", "thus", "hence", "because", "answer", "result", "final",
              "simple", "clean", "neat", "quick"));

  public AttackResources {
    Objects.requireNonNull(vocabulary, "vocabulary");
    Objects.requireNonNull(policy, "policy");
  }

  /**
   * The built-in vocabulary and the embedded {@code policy} organism, loaded on first use ({@link
   * LazyPolicy#embedded()}; thread-safe, calls serialised).
   */
  public static AttackResources defaults() {
    return new AttackResources(DEFAULT_VOCABULARY, LazyPolicy.embedded());
  }

  /** The same vocabulary with another policy (e.g. a remote chat model); the old one is not closed. */
  public AttackResources withPolicy(CandidatePolicy other) {
    return new AttackResources(vocabulary, other);
  }

  @Override
  public void close() {
    policy.close();
  }
}
