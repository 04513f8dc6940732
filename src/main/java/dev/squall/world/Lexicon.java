package dev.squall.world;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The list world's fixed lexicon: three kinds, four initial letters, ten words per (kind, letter),
 * each word in exactly one kind. This table is the ground truth of the list world.
 */
public final class Lexicon {
  /** Initial letters used by prompts. */
  public static final List<Character> LETTERS = List.of('b', 'c', 's', 't');

  /** The kinds of thing a prompt asks for. */
  public enum Kind {
    ANIMAL(
        "bear bison beetle boar bee badger beaver buffalo bull bobcat",
        "cat cow crow camel cobra cougar cheetah cricket coyote condor",
        "seal snake swan shark sheep snail stork skunk sloth spider",
        "tiger toad turtle tapir termite toucan tick tortoise tern tarantula"),
    FOOD(
        "bread bean butter banana biscuit bagel broth beet berry brownie",
        "cake corn cheese carrot cherry cookie cream curry celery cabbage",
        "soup salad sugar salt spinach sausage steak scone syrup sorbet",
        "toast tomato tea taco tofu turnip tart toffee tangerine truffle"),
    TOOL(
        "brush bolt bucket blade broom bellows bradawl buzzsaw burin bevel",
        "chisel clamp crowbar compass cutter crank comb caliper corkscrew cleaver",
        "saw shovel spade screw sander scissors sickle spanner scraper stapler",
        "tongs trowel torch tape tack tweezers tripod tiller trimmer thimble");

    private final Map<Character, List<String>> byLetter;

    Kind(String b, String c, String s, String t) {
      this.byLetter = Map.of('b', split(b), 'c', split(c), 's', split(s), 't', split(t));
    }

    private static List<String> split(String words) {
      return List.of(words.split(" "));
    }

    /** Singular name used in critiques ({@code animal}). */
    public String singular() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Plural name used in prompts ({@code animals}). */
    public String plural() {
      return singular() + "s";
    }

    /** The words of this kind starting with {@code letter}. */
    public List<String> words(char letter) {
      List<String> w = byLetter.get(letter);
      if (w == null) {
        throw new IllegalArgumentException(
            "no words for letter " + letter + "; allowed " + LETTERS);
      }
      return w;
    }
  }

  private static final Map<String, Kind> KIND_OF = buildIndex();

  private Lexicon() {}

  private static Map<String, Kind> buildIndex() {
    Map<String, Kind> m = new HashMap<>();
    for (Kind k : Kind.values()) {
      for (char l : LETTERS) {
        for (String w : k.words(l)) {
          if (w.charAt(0) != l) {
            throw new IllegalStateException("lexicon word " + w + " filed under " + l);
          }
          if (m.put(w, k) != null) {
            throw new IllegalStateException("lexicon word in two kinds: " + w);
          }
        }
      }
    }
    return Map.copyOf(m);
  }

  /** The kind of {@code word} (lower case), or empty if it is not in the lexicon. */
  public static Optional<Kind> kindOf(String word) {
    return Optional.ofNullable(KIND_OF.get(word));
  }

  /** Every lexicon word, sorted. */
  public static List<String> allWords() {
    List<String> all = new ArrayList<>(KIND_OF.keySet());
    all.sort(null);
    return List.copyOf(all);
  }

  /** The kind whose plural appears first in {@code text}, or empty. */
  static Optional<Kind> kindInPrompt(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return Arrays.stream(Kind.values())
        .filter(k -> lower.matches("(?s).*\\b" + k.plural() + "\\b.*"))
        .min((x, y) -> Integer.compare(lower.indexOf(x.plural()), lower.indexOf(y.plural())));
  }
}
