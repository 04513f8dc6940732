package dev.squall.remote;

import dev.squall.Seeds;
import dev.squall.policy.CandidatePolicy;
import dev.squall.rm.ScoringError;
import dev.squall.text.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A policy served over an OpenAI-compatible chat API: sample {@code i} is a chat completion of the
 * user prompt with seed {@code Seeds.derive(seed, prompt, i)}. Thread-safe.
 */
public final class RemotePolicy implements CandidatePolicy {
  private final String name;
  private final OpenAiChatClient chat;
  private final int maxTokens;

  public RemotePolicy(String name, OpenAiChatClient chat, int maxTokens) {
    this.name = name;
    this.chat = chat;
    this.maxTokens = maxTokens;
  }

  @Override
  public String name() {
    return name;
  }

  public TokenUsage usage() {
    return chat.caller().usage();
  }

  /** Every sample's outcome (text or final error), in sample order. */
  public List<CallResult<String>> sampleAll(String prompt, int n, double temperature, long seed) {
    List<ChatCall> calls = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      calls.add(new ChatCall(List.of(ChatMessage.user(prompt)), maxTokens, temperature, 1.0,
          OptionalLong.of(Seeds.derive(seed, prompt, i)), 1.0, false));
    }
    List<CallResult<String>> out = new ArrayList<>(n);
    for (CallResult<ChatCompletion> c : chat.completeAll(calls)) {
      out.add(c instanceof CallResult.Ok<ChatCompletion> ok
          ? new CallResult.Ok<>(ok.value().text())
          : new CallResult.Failed<>(((CallResult.Failed<ChatCompletion>) c).error()));
    }
    return out;
  }

  /**
   * {@inheritDoc}
   *
   * @throws RemoteException when any sample finally failed (a silently shorter list would change N)
   */
  @Override
  public List<String> sample(String prompt, int n, double temperature, long seed) {
    List<String> out = new ArrayList<>(n);
    for (CallResult<String> c : sampleAll(prompt, n, temperature, seed)) {
      if (c instanceof CallResult.Failed<String> f) {
        ScoringError e = f.error();
        throw new RemoteException.NonRetriable(e.kind(), 0, "policy sample failed after " + e.attempts() + " attempts: " + e.message(), null);
      }
      out.add(((CallResult.Ok<String>) c).value());
    }
    return out;
  }

  @Override
  public void close() {
    chat.caller().close();
  }
}
