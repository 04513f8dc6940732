package dev.squall.world;

import dev.squall.world.Lexicon.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Constrained lists: "Name 4 animals whose names start with the letter b." over the fixed {@link
 * Lexicon}. Checking a whole list (kind membership, initial letter, distinctness and count) is hard
 * in one forward pass but easy item by item: the oracle critique numbers the items, checks each,
 * then states the count, the asked count and the verdict. Every item's segment has the same shape
 * (an item listed more than once too: each of its segments is marked "repeat" instead of
 * "ok"/"wrong", so the mark asks "does this word occur twice?", not "did an earlier segment
 * name it?"), so the previous item always sits the
 * same number of tokens back: a small critic copies the next item by that fixed offset plus an
 * induction step, which it failed to learn when segments varied in length. {@link
 * CritiqueFormat#SEEN} is an alternative format, not shipped, that decides repeats where the item
 * is written.
 *
 * <p>In distribution: 3 or 4 items. {@link Split#OOD_HARDER}: 6 or 7 items. Rejected lists differ
 * from the chosen one by one edit; see {@link ListError}.
 */
public final class ListWorld implements World {
  /** The registry name. */
  public static final String NAME = "lists";

  /** How the oracle critique writes a list segment. */
  public enum CritiqueFormat {
    /**
     * The earlier organisms' format: "2. bread: food (asked animal), starts with b (asked b),
     * wrong."; every segment of an item listed more than once is marked repeat. Its critic could
     * not match an item against the earlier ones (see the cloud model card).
     */
    MARKS,
    /**
     * Each item followed by whether an earlier segment named it, and each comparison by its result:
     * "2. bread new: food (asked animal) no, letter b (asked b) yes, wrong. … 4. bear seen: animal
     * (asked animal) yes, letter b (asked b) yes, repeat."; only the later copy is marked repeat.
     * The critic decides "seen" with the item as its current token, by an induction-style lookup
     * of the earlier segment's "bear new" ({@link #seenMarks}); the shipped organisms' format
     * (see the cloud model card).
     */
    SEEN
  }

  private final CritiqueFormat format;

  /** The list world with the shipped critique format ({@link CritiqueFormat#SEEN}). */
  public ListWorld() {
    this(CritiqueFormat.SEEN);
  }

  public ListWorld(CritiqueFormat format) {
    this.format = java.util.Objects.requireNonNull(format, "format");
  }

  static final List<Template> TRAIN_PROMPTS =
      List.of(
          new Template(
              "list.prompt.name", "Name {n} {kinds} whose names start with the letter {letter}."),
          new Template("list.prompt.list", "List {n} {kinds} that begin with {letter}."),
          new Template("list.prompt.give", "Give {n} {kinds} starting with {letter}."));
  static final List<Template> OOD_PROMPTS =
      List.of(
          new Template(
              "list.prompt.ood.think",
              "Can you think of {n} {kinds} beginning with the letter {letter}?"),
          new Template(
              "list.prompt.ood.write", "Write down {n} {kinds} whose first letter is {letter}."));
  static final List<Template> TRAIN_RESPONSES =
      List.of(
          new Template("list.response.bare", "{items}."),
          new Template("list.response.sure", "Sure: {items}."),
          new Template("list.response.here", "Here they are: {items}."));
  static final List<Template> OOD_RESPONSES =
      List.of(
          new Template("list.response.ood.howabout", "How about {items}?"),
          new Template("list.response.ood.pick", "I would pick {items}."));

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
    ListTask task = ListTask.parsePrompt(prompt);
    Optional<List<String>> items = ListAnswers.parse(response);
    if (items.isEmpty()) {
      return new Verdict(false, false, task.describe(), "");
    }
    List<String> list = items.get();
    boolean ok = list.size() == task.n();
    Set<String> seen = new HashSet<>();
    for (String item : list) {
      ok &= seen.add(item) && status(task, item).equals("ok");
    }
    return new Verdict(true, ok, task.describe(), String.join(", ", list));
  }

  @Override
  public String oracleCritique(String prompt, String response) {
    ListTask task = ListTask.parsePrompt(prompt);
    Optional<List<String>> items = ListAnswers.parse(response);
    StringBuilder sb = new StringBuilder();
    if (items.isEmpty()) {
      sb.append("No items found. Count 0, asked ").append(task.n()).append('.');
    } else {
      Map<String, Integer> times = new HashMap<>();
      items.get().forEach(item -> times.merge(item, 1, Integer::sum));
      Set<String> earlier = new HashSet<>();
      int i = 0;
      for (String item : items.get()) {
        i++;
        boolean seen = !earlier.add(item);
        sb.append(i).append(". ").append(item);
        if (format == CritiqueFormat.SEEN) {
          sb.append(seen ? " seen" : " new");
        }
        sb.append(": ");
        Optional<Kind> kind = Lexicon.kindOf(item);
        if (kind.isEmpty()) {
          sb.append("unknown word. ");
        } else if (format == CritiqueFormat.MARKS) {
          sb.append(kind.get().singular())
              .append(" (asked ")
              .append(task.kind().singular())
              .append("), starts with ")
              .append(item.charAt(0))
              .append(" (asked ")
              .append(task.letter())
              .append("), ")
              .append(times.get(item) > 1 ? "repeat" : status(task, item))
              .append(". ");
        } else {
          boolean kindOk = kind.get() == task.kind();
          boolean letterOk = item.charAt(0) == task.letter();
          sb.append(kind.get().singular())
              .append(" (asked ")
              .append(task.kind().singular())
              .append(") ")
              .append(kindOk ? "yes" : "no")
              .append(", letter ")
              .append(item.charAt(0))
              .append(" (asked ")
              .append(task.letter())
              .append(") ")
              .append(letterOk ? "yes" : "no")
              .append(", ")
              .append(seen ? "repeat" : kindOk && letterOk ? "ok" : "wrong")
              .append(". ");
        }
      }
      sb.append("Count ").append(i).append(", asked ").append(task.n()).append('.');
    }
    boolean correct = judge(prompt, response).correct();
    sb.append(" Verdict: ").append(correct ? "correct." : "incorrect.");
    return sb.toString();
  }

  /**
   * Replaces each item with probability 0.35 (at least one) by a word drawn from the whole
   * lexicon, so about a third of the items have the wrong kind or letter, and in half of the drills
   * then copies one item over another, so repeats (rare in the pairs) are common here. Only
   * comma-joined lists (the training phrasing) are drilled.
   */
  @Override
  public Optional<String> drill(String prompt, String response, SplittableRandom rnd) {
    Optional<List<String>> parsed = ListAnswers.parse(response);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    List<String> items = parsed.get();
    String list = String.join(", ", items);
    int at = response.indexOf(list);
    if (at < 0) {
      return Optional.empty();
    }
    List<String> words = Lexicon.allWords();
    List<String> drilled = new ArrayList<>(items);
    int forced = rnd.nextInt(items.size());
    for (int i = 0; i < drilled.size(); i++) {
      if (i == forced || rnd.nextDouble() < 0.35) {
        String w = items.get(i);
        while (w.equals(items.get(i))) {
          w = words.get(rnd.nextInt(words.size()));
        }
        drilled.set(i, w);
      }
    }
    if (rnd.nextBoolean()) {
      int from = rnd.nextInt(drilled.size());
      int to = (from + 1 + rnd.nextInt(drilled.size() - 1)) % drilled.size();
      drilled.set(to, drilled.get(from));
    }
    return Optional.of(response.substring(0, at) + String.join(", ", drilled)
        + response.substring(at + list.length()));
  }

  @Override
  public List<String> copiedWords(String prompt, String response) {
    return ListAnswers.parse(response).orElse(List.of());
  }

  /** A list segment's number, item and mark: "3. bear seen:". */
  private static final Pattern SEGMENT = Pattern.compile("(?:^|(?<=\\. ))\\d+\\. (\\S+) (new|seen):");

  @Override
  public List<SeenMark> seenMarks(String critique) {
    if (format != CritiqueFormat.SEEN) {
      return List.of();
    }
    List<SeenMark> marks = new ArrayList<>();
    List<String> items = new ArrayList<>();
    Matcher m = SEGMENT.matcher(critique);
    while (m.find()) {
      String item = m.group(1);
      List<Integer> earlier = new ArrayList<>();
      for (int j = 0; j < items.size(); j++) {
        if (items.get(j).equals(item)) {
          earlier.add(j);
        }
      }
      marks.add(new SeenMark(m.start(1), m.end(1), m.start(2), earlier));
      items.add(item);
    }
    return marks;
  }

  @Override
  public String description() {
    return "Constrained lists over a fixed lexicon (kinds animal, food, tool; letters b, c, s, t;"
        + " ten words per kind and letter, each word in one kind). Prompts ask for n distinct"
        + " things of a kind starting with a letter; the chosen response lists n valid distinct"
        + " items, the rejected one makes exactly one edit (too_few / too_many: one item fewer or"
        + " more; wrong_letter: one item of the right kind with another letter; wrong_kind: one"
        + " item with the right letter of another kind; duplicate: one item repeated). n is 3-4"
        + " in train, test, ood_phrasing and ood_reversed, and 6-7 in ood_harder. The oracle"
        + " critique numbers the items and checks each in a segment of fixed shape, setting the"
        + " asked kind and letter beside the item's own so every comparison is local"
        + (format == CritiqueFormat.MARKS
            ? " ('bear: animal (asked animal), starts with b (asked c), wrong.'; the mark is ok, wrong"
                + " or repeat, and every segment of an item listed more than once is marked repeat; a"
                + " word outside the lexicon reads 'blorp: unknown word.'"
            : " ('bear new: animal (asked animal) yes, letter b (asked c) no, wrong.'; after the item,"
                + " new or seen says whether an earlier segment named it, each comparison is followed"
                + " by its result, and the mark is ok, wrong or, for a seen item, repeat; a word"
                + " outside the lexicon reads 'blorp new: unknown word.'")
        + "), then states 'Count k,"
        + " asked n.' and the verdict.";
  }

  @Override
  public String parsingRule() {
    return ListAnswers.RULE;
  }

  private static String status(ListTask task, String item) {
    Optional<Kind> kind = Lexicon.kindOf(item);
    if (kind.isEmpty()) {
      return "unknown word";
    }
    return kind.get() == task.kind() && item.charAt(0) == task.letter() ? "ok" : "wrong";
  }

  private WorldInstance draw(Split split, SplittableRandom rnd) {
    int n = (split == Split.OOD_HARDER ? 6 : 3) + rnd.nextInt(2);
    Kind kind = Kind.values()[rnd.nextInt(Kind.values().length)];
    char letter = Lexicon.LETTERS.get(rnd.nextInt(Lexicon.LETTERS.size()));
    List<String> pool = new ArrayList<>(kind.words(letter));
    List<String> chosen = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      chosen.add(pool.remove(rnd.nextInt(pool.size())));
    }
    ListError error = ListError.values()[rnd.nextInt(ListError.values().length)];
    List<String> rejected = new ArrayList<>(chosen);
    int at = rnd.nextInt(n);
    switch (error) {
      case TOO_FEW -> rejected.remove(at);
      case TOO_MANY -> rejected.add(rnd.nextInt(n + 1), pool.get(rnd.nextInt(pool.size())));
      case WRONG_LETTER -> {
        List<Character> others = new ArrayList<>(Lexicon.LETTERS);
        others.remove(Character.valueOf(letter));
        List<String> words = kind.words(others.get(rnd.nextInt(others.size())));
        rejected.set(at, words.get(rnd.nextInt(words.size())));
      }
      case WRONG_KIND -> {
        List<Kind> others = new ArrayList<>(List.of(Kind.values()));
        others.remove(kind);
        List<String> words = others.get(rnd.nextInt(others.size())).words(letter);
        rejected.set(at, words.get(rnd.nextInt(words.size())));
      }
      case DUPLICATE -> {
        int from = (at + 1 + rnd.nextInt(n - 1)) % n;
        rejected.set(at, chosen.get(from));
      }
      default -> throw new IllegalStateException("unknown error " + error);
    }
    boolean heldOut = split == Split.OOD_PHRASING;
    List<Template> prompts = promptTemplates(split);
    List<Template> responses = responseTemplates(split);
    Template pt = prompts.get(rnd.nextInt(prompts.size()));
    Template rt = responses.get(rnd.nextInt(responses.size()));
    Map<String, String> slots = new HashMap<>();
    slots.put("n", Integer.toString(n));
    slots.put("kinds", kind.plural());
    slots.put("letter", Character.toString(letter));
    String prompt = pt.render(slots);
    slots.put("items", join(chosen, heldOut));
    String chosenText = rt.render(slots);
    slots.put("items", join(rejected, heldOut));
    String rejectedText = rt.render(slots);
    return new WorldInstance(
        prompt, chosenText, rejectedText, error, new ListTask(n, kind, letter).describe());
  }

  /** Training phrasing joins with commas; held-out phrasing puts "and" before the last item. */
  private static String join(List<String> items, boolean withAnd) {
    if (!withAnd || items.size() < 2) {
      return String.join(", ", items);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }
}
