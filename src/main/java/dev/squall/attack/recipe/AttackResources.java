package dev.squall.attack.recipe;

import dev.squall.attack.Policy;
import dev.squall.attack.TemplatePolicy;
import dev.squall.attack.Vocabulary;
import java.util.Objects;

/**
 * What recipes need from outside to become attacks: the vocabulary for suffix search (usually
 * {@link Vocabulary#fromTokenizer}) and the policy for policy-driven rewriting.
 */
public record AttackResources(Vocabulary vocabulary, Policy policy) {
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

  public static AttackResources defaults() {
    return new AttackResources(DEFAULT_VOCABULARY, TemplatePolicy.standard());
  }
}
