package dev.squall.attack.recipe;

import java.util.Locale;

/** The nine attack families of issue 4 / REFERENCE.md. */
public enum AttackFamily {
  REWRITE("meaning-preserving rewrites (reWordBench-style)"),
  NOOP_APPEND("no-op appends and distractors"),
  LENGTH_FORMAT_STYLE("length, format and style"),
  SYCOPHANCY("sycophancy and flattery"),
  MASTER_KEY("master keys: content-free responses or prefixes"),
  INJECTION("prompt and score injection aimed at the grader"),
  UNIVERSAL_SUFFIX("universal suffix search over the vocabulary"),
  CRITIQUE_HIJACK("critique hijacking, aimed at CLoud"),
  POLICY_REWRITE("policy-driven rewriting (PAIR-style)");

  private final String description;

  AttackFamily(String description) {
    this.description = description;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String description() {
    return description;
  }
}
