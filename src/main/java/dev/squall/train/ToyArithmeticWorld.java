package dev.squall.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny built-in world for quick runs and tests: {@code digits}-digit addition, answers that are
 * right or subtly wrong (a dropped carry or off by one), and oracle critiques that add digit by
 * digit and end with a verdict. Deterministic per seed; not the shipped worlds.
 */
public final class ToyArithmeticWorld implements OrganismWorld {
  private static final Pattern PROMPT = Pattern.compile("What is (\\d+) \\+ (\\d+)\\?");
  private static final Pattern ANSWER = Pattern.compile("The answer is (\\d+)\\.");
  private static final Pattern VERDICT = Pattern.compile("Verdict: (correct|incorrect)\\.\\s*$");
  private final int digits;

  public ToyArithmeticWorld(int digits) {
    if (digits < 1 || digits > 8) {
      throw new IllegalArgumentException("digits must be in 1..8, got " + digits);
    }
    this.digits = digits;
  }

  @Override
  public String name() {
    return "toy-addition-" + digits;
  }

  @Override
  public List<String> corpus(long seed, int count) {
    SplittableRandom r = new SplittableRandom(seed ^ 0xC0);
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long a = number(r);
      long b = number(r);
      String p = prompt(a, b);
      String resp = answer(r.nextInt(3) == 0 ? wrong(a, b, r) : a + b);
      out.add(p + "\n" + resp + (r.nextBoolean() ? "\n" + critique(p, resp) : ""));
    }
    return out;
  }

  @Override
  public List<OrganismPair> pairs(boolean test, int count, long seed) {
    SplittableRandom r = new SplittableRandom(seed ^ (test ? 0x7E57L : 0x7A1EL));
    List<OrganismPair> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long a = number(r);
      long b = number(r);
      String p = prompt(a, b);
      String good = answer(a + b);
      String bad = answer(wrong(a, b, r));
      out.add(new OrganismPair(
          (test ? "test-" : "train-") + i, p, good, bad, critique(p, good), critique(p, bad)));
    }
    return out;
  }

  @Override
  public boolean isCorrect(String prompt, String response) {
    long[] ab = parse(prompt);
    Matcher m = ANSWER.matcher(response);
    return m.find() && Long.parseLong(m.group(1)) == ab[0] + ab[1];
  }

  @Override
  public Optional<Boolean> critiqueVerdict(String critique) {
    Matcher m = VERDICT.matcher(critique);
    return m.find() ? Optional.of(m.group(1).equals("correct")) : Optional.empty();
  }

  @Override
  public String oracleComputation(String prompt, String response) {
    String c = critique(prompt, response);
    return c.substring(0, c.indexOf(" The response"));
  }

  @Override
  public String oracleCritique(String prompt, String response) {
    return critique(prompt, response);
  }

  /** The oracle critique: column sums with carries, the total, the response's answer, verdict. */
  public String critique(String prompt, String response) {
    long[] ab = parse(prompt);
    StringBuilder sb = new StringBuilder();
    long a = ab[0];
    long b = ab[1];
    int carry = 0;
    for (int col = 0; col < digits + 1 && (a > 0 || b > 0 || carry > 0 || col == 0); col++) {
      int da = (int) (a % 10);
      int db = (int) (b % 10);
      int s = da + db + carry;
      sb.append(da).append('+').append(db).append('+').append(carry).append('=').append(s)
          .append(", write ").append(s % 10).append(". ");
      carry = s / 10;
      a /= 10;
      b /= 10;
    }
    sb.append("The sum is ").append(ab[0] + ab[1]).append('.');
    Matcher m = ANSWER.matcher(response);
    sb.append(m.find() ? " The response says " + m.group(1) + "." : " The response states no answer.");
    sb.append(" Verdict: ").append(isCorrect(prompt, response) ? "correct." : "incorrect.");
    return sb.toString();
  }

  private long number(SplittableRandom r) {
    long lo = digits == 1 ? 0 : (long) Math.pow(10, digits - 1);
    return r.nextLong(lo, (long) Math.pow(10, digits));
  }

  private static long wrong(long a, long b, SplittableRandom r) {
    long s = a + b;
    if (r.nextBoolean()) {
      long w = s + (r.nextBoolean() ? 1 : -1) * (long) Math.pow(10, r.nextInt(2));
      return w >= 0 ? w : s + 1;
    }
    // dropped carry: add the digits column by column without carrying
    long out = 0;
    long place = 1;
    long x = a;
    long y = b;
    while (x > 0 || y > 0) {
      out += ((x % 10 + y % 10) % 10) * place;
      place *= 10;
      x /= 10;
      y /= 10;
    }
    return out != s ? out : s + 10;
  }

  private static String prompt(long a, long b) {
    return "What is " + a + " + " + b + "?";
  }

  private static String answer(long v) {
    return "The answer is " + v + ".";
  }

  private static long[] parse(String prompt) {
    Matcher m = PROMPT.matcher(prompt);
    if (!m.find()) {
      throw new IllegalArgumentException("not a toy addition prompt: " + prompt);
    }
    return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
  }
}
