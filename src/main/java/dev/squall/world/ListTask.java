package dev.squall.world;

import dev.squall.SquallException;
import dev.squall.world.Lexicon.Kind;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A list instruction: name {@code n} distinct things of {@code kind} starting with {@code letter}.
 *
 * @param n how many items are asked for
 * @param kind the kind of item
 * @param letter the required initial letter
 */
public record ListTask(int n, Kind kind, char letter) {
  private static final Pattern INTEGER = Pattern.compile("\\d+");
  private static final Pattern LETTER = Pattern.compile("(?<![\\w'-])([a-z])(?![\\w'-])");

  public ListTask {
    Objects.requireNonNull(kind, "kind");
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, was " + n);
    }
    if (!Lexicon.LETTERS.contains(letter)) {
      throw new IllegalArgumentException("letter must be one of " + Lexicon.LETTERS);
    }
  }

  /**
   * Short description used as the verdict's expected value, e.g. {@code 4 animals starting with b}.
   */
  public String describe() {
    return n + " " + kind.plural() + " starting with " + letter;
  }

  /**
   * Reads a task from a prompt: n is the first integer, the kind is the first plural kind name
   * ({@code animals}, {@code foods}, {@code tools}), the letter is the last single-letter word.
   *
   * @throws SquallException if the prompt is not a list prompt
   */
  public static ListTask parsePrompt(String prompt) {
    String lower = prompt.toLowerCase(Locale.ROOT);
    Matcher n = INTEGER.matcher(lower);
    Kind kind = Lexicon.kindInPrompt(lower).orElse(null);
    Matcher l = LETTER.matcher(lower);
    Character letter = null;
    while (l.find()) {
      letter = l.group(1).charAt(0);
    }
    if (!n.find() || kind == null || letter == null || !Lexicon.LETTERS.contains(letter)) {
      throw new SquallException(
          "not a list prompt (need a count, one of animals/foods/tools, and a letter among "
              + Lexicon.LETTERS
              + "): "
              + prompt);
    }
    return new ListTask(Integer.parseInt(n.group()), kind, letter);
  }
}
