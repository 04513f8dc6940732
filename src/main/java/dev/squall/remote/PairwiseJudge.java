package dev.squall.remote;

import dev.squall.Seeds;
import dev.squall.rm.ScoringError;
import dev.squall.text.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * LLM-as-judge pairwise A/B preferences, run in both orders to expose position bias. For each
 * pair a seeded coin ({@code Seeds.derive(seed, prompt, first, second)}) decides which response
 * is shown as A in the first presentation; the second presentation swaps them. A pair is
 * <em>consistent</em> when both presentations prefer the same response; an inconsistent pair has
 * no preference. Thread-safe.
 */
public final class PairwiseJudge implements AutoCloseable {
  /** The default A/B prompt (placeholders {prompt}, {a}, {b}). */
  public static final String DEFAULT_TEMPLATE =
      "Please act as an impartial judge and decide which of two assistant responses answers the"
          + " user's question better. Do not let the order or length of the responses influence"
          + " you. Briefly explain, then give your verdict as \"[[A]]\" or \"[[B]]\".\n\n"
          + "[Question]\n{prompt}\n\n[Response A]\n{a}\n\n[Response B]\n{b}";

  /** Which of the pair, as the caller gave it. */
  public enum Choice {
    FIRST,
    SECOND
  }

  /**
   * One pair's judgement.
   *
   * @param preferred the preferred response when both orders agree; empty when inconsistent or failed
   * @param firstShownAsA whether the caller's first response was A in the first presentation
   * @param verdicts the two raw verdicts ("A"/"B"), in presentation order; empty on failure
   * @param consistent both presentations preferred the same response
   * @param error why the pair could not be judged (a call failed or a verdict did not parse)
   */
  public record Judgement(
      Optional<Choice> preferred, boolean firstShownAsA, List<String> verdicts, boolean consistent, Optional<ScoringError> error) {
    public Judgement {
      Objects.requireNonNull(preferred, "preferred");
      verdicts = List.copyOf(verdicts);
      Objects.requireNonNull(error, "error");
    }
  }

  /**
   * Judgements with summary counts.
   *
   * @param positionConsistency consistent pairs / judged pairs (NaN when none was judged)
   * @param positionARate fraction of judged presentations whose verdict was A (0.5 = no position bias)
   * @param errors pairs that could not be judged
   */
  public record Report(List<Judgement> judgements, double positionConsistency, double positionARate, int errors) {
    public Report {
      judgements = List.copyOf(judgements);
    }
  }

  /** One pair to judge. */
  public record Pair(String prompt, String first, String second) {
    public Pair {
      Objects.requireNonNull(prompt, "prompt");
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(second, "second");
    }
  }

  private final OpenAiChatClient chat;
  private final String template;
  private final int maxTokens;
  private final long seed;

  public PairwiseJudge(OpenAiChatClient chat, String template, int maxTokens, long seed) {
    this.chat = chat;
    this.template = template;
    this.maxTokens = maxTokens;
    this.seed = seed;
  }

  public TokenUsage usage() {
    return chat.caller().usage();
  }

  public Report judgeAll(List<Pair> pairs) {
    List<ChatCall> calls = new ArrayList<>();
    boolean[] firstAsA = new boolean[pairs.size()];
    for (int i = 0; i < pairs.size(); i++) {
      Pair p = pairs.get(i);
      firstAsA[i] = (Seeds.derive(seed, p.prompt(), p.first(), p.second()) & 1) == 0;
      String x = firstAsA[i] ? p.first() : p.second();
      String y = firstAsA[i] ? p.second() : p.first();
      calls.add(call(p.prompt(), x, y, i, 0));
      calls.add(call(p.prompt(), y, x, i, 1));
    }
    List<CallResult<ChatCompletion>> done = chat.completeAll(calls);
    List<Judgement> out = new ArrayList<>();
    int consistent = 0;
    int judged = 0;
    int aVotes = 0;
    int errors = 0;
    for (int i = 0; i < pairs.size(); i++) {
      Optional<ScoringError> err = Optional.empty();
      List<String> verdicts = new ArrayList<>();
      for (int o = 0; o < 2; o++) {
        CallResult<ChatCompletion> c = done.get(2 * i + o);
        if (c instanceof CallResult.Failed<ChatCompletion> f) {
          err = err.or(() -> Optional.of(f.error()));
          continue;
        }
        String text = ((CallResult.Ok<ChatCompletion>) c).value().text();
        Optional<String> v = JudgeParsing.verdict(text);
        if (v.isEmpty()) {
          String head = text.length() > 120 ? text.substring(0, 120) + "..." : text;
          err = err.or(() -> Optional.of(new ScoringError("parse", "no A/B verdict in judge answer: " + head, 1)));
        } else {
          verdicts.add(v.get());
        }
      }
      if (err.isPresent()) {
        errors++;
        out.add(new Judgement(Optional.empty(), firstAsA[i], List.of(), false, err));
        continue;
      }
      judged++;
      aVotes += (verdicts.get(0).equals("A") ? 1 : 0) + (verdicts.get(1).equals("A") ? 1 : 0);
      // presentation 0 shows X as A; presentation 1 shows X as B. X is first iff firstAsA.
      Choice c0 = (verdicts.get(0).equals("A")) == firstAsA[i] ? Choice.FIRST : Choice.SECOND;
      Choice c1 = (verdicts.get(1).equals("B")) == firstAsA[i] ? Choice.FIRST : Choice.SECOND;
      boolean ok = c0 == c1;
      consistent += ok ? 1 : 0;
      out.add(new Judgement(ok ? Optional.of(c0) : Optional.empty(), firstAsA[i], verdicts, ok, Optional.empty()));
    }
    return new Report(out, judged == 0 ? Double.NaN : (double) consistent / judged,
        judged == 0 ? Double.NaN : aVotes / (2.0 * judged), errors);
  }

  private ChatCall call(String prompt, String a, String b, int i, int order) {
    String text = template.replace("{prompt}", prompt).replace("{a}", a).replace("{b}", b);
    return new ChatCall(List.of(ChatMessage.user(text)), maxTokens, 0.0, 1.0,
        OptionalLong.of(Seeds.derive(seed, prompt, a, b, order)), 1.0, false);
  }

  @Override
  public void close() {
    chat.caller().close();
  }
}
