package dev.squall.world;

import dev.squall.world.ArithmeticProblem.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Multi-digit addition and subtraction. The skill (carrying and borrowing across 3–4 digit columns)
 * is hard to verify in one forward pass of a tiny transformer but easy column by column: the oracle
 * critique restates the two digits and the incoming carry of every column and compares the written
 * digit with the response's digit in that column, then states the result and the verdict.
 *
 * <p>In distribution: operands of 3 or 4 digits, 60% addition, 40% subtraction (a &gt;= b). {@link
 * Split#OOD_HARDER}: operands of 5 or 6 digits. Rejected answers are never equal to the truth or to
 * an operand; see {@link ArithmeticError} for how they are wrong.
 */
public final class ArithmeticWorld implements World {
  /** The registry name. */
  public static final String NAME = "arithmetic";

  static final List<Template> TRAIN_PROMPTS =
      List.of(
          new Template("arith.prompt.what", "What is {a} {op} {b}?"),
          new Template("arith.prompt.compute", "Compute {a} {op} {b}."),
          new Template("arith.prompt.calculate", "Calculate {a} {opword} {b}."),
          new Template("arith.prompt.noun", "What is the {opnoun} of {a} and {b}?"));
  static final List<Template> OOD_PROMPTS =
      List.of(
          new Template("arith.prompt.ood.workout", "Please work out {a} {op} {b} for me."),
          new Template("arith.prompt.ood.howmuch", "How much is {a} {opword} {b}?"),
          new Template("arith.prompt.ood.tellme", "Tell me the {opnoun} of {a} and {b}."));
  static final List<Template> TRAIN_RESPONSES =
      List.of(
          new Template("arith.response.equation", "{a} {op} {b} = {c}."),
          new Template("arith.response.answer", "The answer is {c}."),
          new Template("arith.response.words", "{a} {opword} {b} is {c}."),
          new Template("arith.response.equals", "It equals {c}."));
  static final List<Template> OOD_RESPONSES =
      List.of(
          new Template("arith.response.ood.gives", "That gives {c}."),
          new Template("arith.response.ood.get", "I get {c} as the result."),
          new Template("arith.response.ood.final", "Final value: {c}."));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Template> promptTemplates(Split split) {
    return split == Split.OOD_PHRASING ? OOD_PROMPTS : TRAIN_PROMPTS;
  }

  @Override
  public List<Template> responseTemplates(Split split) {
    return split == Split.OOD_PHRASING ? OOD_RESPONSES : TRAIN_RESPONSES;
  }

  @Override
  public Stream<PreferencePair> generate(
      Split split, int count, long seed, FeatureStrength strength) {
    return PairBuilder.generate(this, this::draw, split, count, seed, strength);
  }

  @Override
  public Stream<String> corpus(long seed, int count) {
    return PairBuilder.corpus(this, this::draw, seed, count);
  }

  @Override
  public Verdict judge(String prompt, String response) {
    ArithmeticProblem p = ArithmeticProblem.parsePrompt(prompt);
    String expected = Long.toString(p.truth());
    Optional<String> found = ArithmeticAnswers.parse(response, p);
    return new Verdict(
        found.isPresent(), found.map(expected::equals).orElse(false), expected, found.orElse(""));
  }

  @Override
  public String oracleCritique(String prompt, String response) {
    ArithmeticProblem p = ArithmeticProblem.parsePrompt(prompt);
    Verdict v = judge(prompt, response);
    if (!v.parsed()) {
      return p.workedSteps() + " The " + p.op().noun() + " is " + v.expected()
          + ". The response states no answer. Verdict: incorrect.";
    }
    return p.workedSteps(v.found()) + " The " + p.op().noun() + " is " + v.expected()
        + ". Verdict: " + (v.correct() ? "correct." : "incorrect.");
  }

  @Override
  public String description() {
    return "Multi-digit addition and subtraction. Prompts ask for a + b or a - b (60% addition,"
        + " 40% subtraction with a >= b); the chosen response states the true result, the rejected"
        + " one a subtly wrong result (off_by_one_digit: one digit +-1; dropped_carry: one carry"
        + " or borrow not propagated; swapped_digits: two adjacent different digits swapped), never"
        + " equal to the truth or an operand. Operands have 3-4 digits in train, test,"
        + " ood_phrasing and ood_reversed, and 5-6 digits in ood_harder. The oracle critique works"
        + " the columns from the right, restating both digits and the incoming carry or borrow, and"
        + " sets the response's digit for that column beside the written one ('response 5 ok' or"
        + " 'response 6 wrong'; the answer right-aligned, the last column taking all remaining"
        + " leading digits), then states the result and 'Verdict: correct.' or 'Verdict:"
        + " incorrect.'.";
  }

  @Override
  public String parsingRule() {
    return ArithmeticAnswers.RULE;
  }

  private WorldInstance draw(Split split, SplittableRandom rnd) {
    while (true) {
      ArithmeticProblem p = drawProblem(split, rnd);
      List<ArithmeticError> kinds = new ArrayList<>(List.of(ArithmeticError.values()));
      while (!kinds.isEmpty()) {
        ArithmeticError kind = kinds.remove(rnd.nextInt(kinds.size()));
        long wrong = wrongAnswer(p, kind, rnd);
        if (wrong > 0 && wrong != p.truth() && wrong != p.a() && wrong != p.b()) {
          return render(split, p, wrong, kind, rnd);
        }
      }
    }
  }

  private WorldInstance render(
      Split split, ArithmeticProblem p, long wrong, ArithmeticError kind, SplittableRandom rnd) {
    List<Template> prompts = promptTemplates(split);
    List<Template> responses = responseTemplates(split);
    Template pt = prompts.get(rnd.nextInt(prompts.size()));
    Template rt = responses.get(rnd.nextInt(responses.size()));
    Op op = p.op();
    Map<String, String> slots =
        Map.of(
            "a", Long.toString(p.a()),
            "b", Long.toString(p.b()),
            "op", op.symbol(),
            "opword", op.word(),
            "opnoun", op.noun());
    String prompt = pt.render(slots);
    String chosen = rt.render(withC(slots, p.truth()));
    String rejected = rt.render(withC(slots, wrong));
    return new WorldInstance(prompt, chosen, rejected, kind, Long.toString(p.truth()));
  }

  private static Map<String, String> withC(Map<String, String> slots, long c) {
    Map<String, String> m = new HashMap<>(slots);
    m.put("c", Long.toString(c));
    return m;
  }

  private static ArithmeticProblem drawProblem(Split split, SplittableRandom rnd) {
    int lo = split == Split.OOD_HARDER ? 5 : 3;
    while (true) {
      long a = number(lo + rnd.nextInt(2), rnd);
      long b = number(lo + rnd.nextInt(2), rnd);
      Op op = rnd.nextDouble() < 0.6 ? Op.ADD : Op.SUB;
      if (op == Op.SUB) {
        if (a == b) {
          continue;
        }
        if (a < b) {
          long t = a;
          a = b;
          b = t;
        }
      }
      ArithmeticProblem p = new ArithmeticProblem(a, b, op);
      if (p.truth() != a && p.truth() != b) {
        return p;
      }
    }
  }

  private static long number(int digits, SplittableRandom rnd) {
    long lo = pow10(digits - 1);
    return lo + rnd.nextLong(9 * lo);
  }

  private static long pow10(int k) {
    long r = 1;
    for (int i = 0; i < k; i++) {
      r *= 10;
    }
    return r;
  }

  /** A wrong answer of the given kind, or -1 when that kind is impossible for {@code p}. */
  static long wrongAnswer(ArithmeticProblem p, ArithmeticError kind, SplittableRandom rnd) {
    long truth = p.truth();
    char[] d = Long.toString(truth).toCharArray();
    switch (kind) {
      case OFF_BY_ONE_DIGIT -> {
        int k = rnd.nextInt(d.length);
        int v = d[k] - '0';
        List<Integer> options = new ArrayList<>();
        if (v < 9) {
          options.add(v + 1);
        }
        if (v > 0 && !(k == 0 && v == 1 && d.length > 1)) {
          options.add(v - 1);
        }
        d[k] = (char) ('0' + options.get(rnd.nextInt(options.size())));
        return Long.parseLong(new String(d));
      }
      case DROPPED_CARRY -> {
        List<Integer> cols = p.carryColumns();
        if (cols.isEmpty()) {
          return -1;
        }
        long unit = pow10(cols.get(rnd.nextInt(cols.size())) + 1);
        return p.op() == Op.ADD ? truth - unit : truth + unit;
      }
      case SWAPPED_DIGITS -> {
        List<Integer> ks = new ArrayList<>();
        for (int k = 0; k + 1 < d.length; k++) {
          if (d[k] != d[k + 1] && !(k == 0 && d[1] == '0')) {
            ks.add(k);
          }
        }
        if (ks.isEmpty()) {
          return -1;
        }
        int k = ks.get(rnd.nextInt(ks.size()));
        char t = d[k];
        d[k] = d[k + 1];
        d[k + 1] = t;
        return Long.parseLong(new String(d));
      }
      default -> throw new IllegalStateException("unknown kind " + kind);
    }
  }
}
