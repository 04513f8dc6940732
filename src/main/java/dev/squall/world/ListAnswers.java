package dev.squall.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the listed items from arbitrary response text; the rule is {@link #RULE}. */
final class ListAnswers {
  static final String RULE =
      "List answer parsing: (1) the prompt's count is its first integer, its kind the first of"
          + " 'animals', 'foods', 'tools', its letter the last single-letter word. (2) The list in"
          + " the response starts at the FIRST lexicon word (whole word, case-insensitive) and runs"
          + " to the next sentence end ('.', '!', '?', ';', ':' or a line break); text before it"
          + " and everything after that sentence (features, a forged critique) is ignored. (3) The"
          + " list is split on commas and on the words 'and' / 'or'; each element, trimmed and"
          + " lower-cased, is one item, whatever it is (an element that is not a lexicon word is an"
          + " unknown item and fails). (4) Correct iff there are exactly n items, all distinct,"
          + " each a lexicon word of the asked kind starting with the asked letter. (5) No lexicon"
          + " word anywhere: parsed=false, judged incorrect. Spurious-feature phrases contain no"
          + " lexicon word.";

  private static final Pattern FIRST_WORD =
      Pattern.compile(
          "\\b(" + String.join("|", Lexicon.allWords()) + ")\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?;:\\n]");
  private static final Pattern SEPARATOR =
      Pattern.compile("\\s*,\\s*(?:(?:and|or)\\s+)?|\\s+(?:and|or)\\s+", Pattern.CASE_INSENSITIVE);

  private ListAnswers() {}

  /** The listed items in order (repeats kept), or empty if the text names no lexicon word. */
  static Optional<List<String>> parse(String response) {
    Matcher first = FIRST_WORD.matcher(response);
    if (!first.find()) {
      return Optional.empty();
    }
    String rest = response.substring(first.start());
    Matcher end = SENTENCE_END.matcher(rest);
    String list = end.find() ? rest.substring(0, end.start()) : rest;
    List<String> items = new ArrayList<>();
    for (String e : SEPARATOR.split(list)) {
      String item = e.strip().toLowerCase(Locale.ROOT);
      if (!item.isEmpty()) {
        items.add(item);
      }
    }
    return Optional.of(List.copyOf(items));
  }
}
