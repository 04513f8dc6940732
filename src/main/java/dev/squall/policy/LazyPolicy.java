package dev.squall.policy;

import dev.squall.model.hf.EmbeddedModels;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A policy that is loaded on its first {@link #sample} call, so that code which may need a policy
 * (e.g. every attack built from the recipes, of which only the policy-driven one samples) does not
 * load a model unless it does. Calls are serialised: the wrapped policy is never called from two
 * threads at once, which makes a non-thread-safe {@link LocalPolicy} safe to share between the
 * models a campaign attacks concurrently. Thread-safe. {@link #close()} closes the wrapped policy
 * if it was loaded; a closed lazy policy refuses to sample.
 */
public final class LazyPolicy implements CandidatePolicy {
  private final String name;
  private final Supplier<? extends CandidatePolicy> loader;
  private CandidatePolicy loaded;
  private boolean closed;

  /**
   * @param name the name reported before and after loading (e.g. {@code policy}); it should equal
   *     what the loaded policy stands for, since attack edits are named after it
   * @param loader opens the policy; called at most once
   */
  public LazyPolicy(String name, Supplier<? extends CandidatePolicy> loader) {
    this.name = Objects.requireNonNull(name, "name");
    this.loader = Objects.requireNonNull(loader, "loader");
  }

  /** The embedded {@code policy} organism ({@link LocalPolicy} with its default limits), loaded on first use. */
  public static LazyPolicy embedded() {
    return new LazyPolicy("policy", () -> LocalPolicy.load(EmbeddedModels.resolve("policy")));
  }

  @Override
  public String name() {
    return name;
  }

  /** Whether the wrapped policy has been opened. */
  public synchronized boolean isLoaded() {
    return loaded != null;
  }

  @Override
  public synchronized List<String> sample(String prompt, int n, double temperature, long seed) {
    if (closed) {
      throw new IllegalStateException("policy " + name + " is closed");
    }
    if (loaded == null) {
      loaded = Objects.requireNonNull(loader.get(), "the loader of policy " + name + " returned null");
    }
    return loaded.sample(prompt, n, temperature, seed);
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (loaded != null) {
      loaded.close();
      loaded = null;
    }
  }
}
