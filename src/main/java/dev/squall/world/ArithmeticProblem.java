package dev.squall.world;

import dev.squall.SquallException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A multi-digit addition or subtraction; subtraction always has {@code a >= b}, so results are
 * never negative.
 *
 * @param a first operand
 * @param b second operand
 * @param op the operation
 */
public record ArithmeticProblem(long a, long b, Op op) {
  private static final Pattern INTEGER = Pattern.compile("\\d+");

  /** The two operations, with their symbol, word and noun. */
  public enum Op {
    ADD("+", "plus", "sum", "carry"),
    SUB("-", "minus", "difference", "borrow");

    private final String symbol;
    private final String word;
    private final String noun;
    private final String carryWord;

    Op(String symbol, String word, String noun, String carryWord) {
      this.symbol = symbol;
      this.word = word;
      this.noun = noun;
      this.carryWord = carryWord;
    }

    public String symbol() {
      return symbol;
    }

    public String word() {
      return word;
    }

    public String noun() {
      return noun;
    }

    /** "carry" or "borrow". */
    public String carryWord() {
      return carryWord;
    }
  }

  public ArithmeticProblem {
    if (a < 0 || b < 0) {
      throw new IllegalArgumentException("operands must be >= 0: " + a + ", " + b);
    }
    if (op == Op.SUB && a < b) {
      throw new IllegalArgumentException("subtraction needs a >= b: " + a + " - " + b);
    }
  }

  /** The true result. */
  public long truth() {
    return op == Op.ADD ? a + b : a - b;
  }

  /**
   * Reads a problem from a prompt: the operands are the first two integers; the operation is the
   * one named between them ({@code -}/{@code minus} or {@code +}/{@code plus}), else the one named
   * anywhere in the prompt ({@code difference}/{@code -}/{@code minus} before {@code sum}/{@code
   * +}/{@code plus}).
   *
   * @throws SquallException if the prompt is not an arithmetic prompt
   */
  public static ArithmeticProblem parsePrompt(String prompt) {
    Matcher m = INTEGER.matcher(prompt);
    List<Long> nums = new ArrayList<>();
    int firstEnd = -1;
    int secondStart = -1;
    while (m.find() && nums.size() < 2) {
      if (m.group().length() > 17) {
        throw new SquallException("arithmetic prompt operand too long: " + m.group());
      }
      nums.add(Long.parseLong(m.group()));
      if (nums.size() == 1) {
        firstEnd = m.end();
      } else {
        secondStart = m.start();
      }
    }
    String lower = prompt.toLowerCase(Locale.ROOT);
    Op op =
        nums.size() == 2
            ? opIn(prompt.substring(firstEnd, secondStart).toLowerCase(Locale.ROOT))
            : null;
    if (op == null) {
      op = opIn(lower);
    }
    if (nums.size() < 2 || op == null) {
      throw new SquallException(
          "not an arithmetic prompt (need two integers and + or -): " + prompt);
    }
    if (op == Op.SUB && nums.get(0) < nums.get(1)) {
      throw new SquallException("subtraction prompt with a < b is not supported: " + prompt);
    }
    return new ArithmeticProblem(nums.get(0), nums.get(1), op);
  }

  /** Subtraction if {@code text} names it, else addition if it names that, else null. */
  private static Op opIn(String text) {
    if (text.contains("-") || text.contains("minus") || text.contains("difference")) {
      return Op.SUB;
    }
    if (text.contains("+") || text.contains("plus") || text.contains("sum")) {
      return Op.ADD;
    }
    return null;
  }

  /**
   * The column-by-column working from the right, e.g. {@code 7+8=15, write 5 carry 1. 2+6+1=9,
   * write 9 carry 0.} ... {@code 4+3+1=8, write 8.} For subtraction a borrowing column reads {@code
   * 12-6-1=5, write 5 borrow 1.} An incoming carry or borrow is shown only when it is 1.
   */
  public String workedSteps() {
    return workedSteps(null);
  }

  /**
   * The column working with the response's digit beside each written digit and their comparison,
   * e.g. {@code 7+8=15, write 5 carry 1, response 5 ok.} or {@code ..., response 6 wrong.} Each
   * comparison is local (two nearby tokens), which a small critic can learn; the verdict is then
   * "no column wrong". The response's answer is right-aligned with the columns: a missing digit
   * reads 0, and the last column compares all the response's remaining leading digits with the
   * written value (so {@code write 17, response 7 wrong.} when a final carry was dropped).
   *
   * @param answer the response's answer digits, or null for the working alone ({@link
   *     #workedSteps()})
   */
  public String workedSteps(String answer) {
    String sa = Long.toString(a);
    String sb = Long.toString(b);
    int width = Math.max(sa.length(), sb.length());
    StringBuilder out = new StringBuilder();
    int carry = 0;
    for (int i = 0; i < width; i++) {
      int da = digit(sa, i);
      int db = digit(sb, i);
      boolean last = i == width - 1;
      StringBuilder step = new StringBuilder();
      int written;
      int carryOut;
      if (op == Op.ADD) {
        int s = da + db + carry;
        step.append(da).append('+').append(db);
        if (carry == 1) {
          step.append("+1");
        }
        step.append('=').append(s);
        written = last ? s : s % 10;
        carryOut = s / 10;
      } else {
        int d = da - db - carry;
        carryOut = d < 0 ? 1 : 0;
        int top = da + 10 * carryOut;
        step.append(top).append('-').append(db);
        if (carry == 1) {
          step.append("-1");
        }
        written = d + 10 * carryOut;
        step.append('=').append(written);
      }
      step.append(", write ").append(written);
      if (!last) {
        step.append(' ').append(op.carryWord()).append(' ').append(carryOut);
      }
      if (answer != null) {
        String theirs = last ? leadingDigits(answer, i) : Integer.toString(digit(answer, i));
        step.append(", response ").append(theirs)
            .append(theirs.equals(Integer.toString(written)) ? " ok" : " wrong");
      }
      step.append('.');
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(step);
      carry = carryOut;
    }
    return out.toString();
  }

  /** Columns (0 = units) that send a carry or borrow of 1 into the next column. */
  List<Integer> carryColumns() {
    String sa = Long.toString(a);
    String sb = Long.toString(b);
    int width = Math.max(sa.length(), sb.length());
    List<Integer> cols = new ArrayList<>();
    int carry = 0;
    for (int i = 0; i < width; i++) {
      int da = digit(sa, i);
      int db = digit(sb, i);
      int out = op == Op.ADD ? (da + db + carry) / 10 : (da - db - carry < 0 ? 1 : 0);
      if (out == 1) {
        cols.add(i);
      }
      carry = out;
    }
    return cols;
  }

  /** The digits of {@code s} from position {@code fromRight} leftwards, as a number ("0" if none). */
  private static String leadingDigits(String s, int fromRight) {
    int end = s.length() - fromRight;
    String head = end <= 0 ? "" : s.substring(0, end).replaceFirst("^0+", "");
    return head.isEmpty() ? "0" : head;
  }

  private static int digit(String s, int fromRight) {
    int k = s.length() - 1 - fromRight;
    return k < 0 ? 0 : s.charAt(k) - '0';
  }
}
