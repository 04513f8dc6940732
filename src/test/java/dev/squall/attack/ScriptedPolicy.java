package dev.squall.attack;

import dev.squall.Seeds;
import dev.squall.policy.CandidatePolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * A policy for tests: sample {@code i} is {@code script.sample(prompt, Seeds.derive(seed, prompt,
 * i))} (so, like {@code LocalPolicy}, it depends on (seed, prompt, i) only). Records every prompt it
 * is asked and counts samples.
 */
final class ScriptedPolicy implements CandidatePolicy {
  /** One sample from a prompt and that sample's own seed. */
  interface Script {
    String sample(String prompt, long sampleSeed);
  }

  private final String name;
  private final Script script;
  final List<String> prompts = new ArrayList<>();
  final List<Double> temperatures = new ArrayList<>();
  int samples;
  boolean closed;

  ScriptedPolicy(String name, Script script) {
    this.name = name;
    this.script = script;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> sample(String prompt, int n, double temperature, long seed) {
    prompts.add(prompt);
    temperatures.add(temperature);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(script.sample(prompt, Seeds.derive(seed, prompt, i)));
    }
    samples += n;
    return out;
  }

  @Override
  public void close() {
    closed = true;
  }
}
