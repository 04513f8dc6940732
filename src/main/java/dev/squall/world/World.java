package dev.squall.world;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A synthetic world with ground truth: a generator of preference pairs, an oracle that judges any
 * response text, oracle critiques, and a base-LM corpus.
 */
public interface World {
  /** Words beyond this many in a response cost {@link #LENGTH_PENALTY_PER_WORD} gold reward. */
  int LENGTH_FREE_WORDS = 40;

  /** Gold-reward penalty per whitespace-separated word beyond {@link #LENGTH_FREE_WORDS}. */
  double LENGTH_PENALTY_PER_WORD = 0.002;

  /** Cap on the total length penalty. */
  double MAX_LENGTH_PENALTY = 0.1;

  /** Short lower-case name, used in file names and subsets. */
  String name();

  /**
   * Generates {@code count} pairs of {@code split}. {@code strength} is the training strength; it
   * is applied as {@link FeatureStrength#forSplit(Split)}, i.e. reversed for {@link
   * Split#OOD_REVERSED}. The same arguments always give the same rows.
   */
  Stream<PreferencePair> generate(Split split, int count, long seed, FeatureStrength strength);

  /**
   * Judges arbitrary response text against the truth of {@code prompt}; see {@link #parsingRule}.
   */
  Verdict judge(String prompt, String response);

  /** The oracle's step-by-step critique of {@code response}, ending with the verdict sentence. */
  String oracleCritique(String prompt, String response);

  /**
   * A copy of the correct {@code response} with several independent errors, or empty when this
   * world has no drills. The recipe adds drills, critiqued by the oracle like any response, to the
   * critique-SFT data when the preference pairs alone contain too few mismatches for a small
   * critic to learn the comparison (a rejected list has at most one bad item).
   */
  default Optional<String> drill(String prompt, String response, SplittableRandom rnd) {
    return Optional.empty();
  }

  /**
   * The words of {@code response} that the oracle critique copies one by one (the list world's
   * items), or none. The recipe can weight those copies in critique SFT: copying item k into
   * segment k is the step a small critic learns last.
   */
  default List<String> copiedWords(String prompt, String response) {
    return List.of();
  }

  /**
   * The "new"/"seen" marks of one of this world's oracle critiques, in order, or none when its
   * critiques have no such marks (the default).
   */
  default List<SeenMark> seenMarks(String critique) {
    return List.of();
  }

  /** Base-LM training documents (prompt, response and sometimes critique, one per line). */
  Stream<String> corpus(long seed, int count);

  /**
   * The prompt templates of {@code split}: the held-out ones for {@link Split#OOD_PHRASING}, the
   * training ones for every other split.
   */
  List<Template> promptTemplates(Split split);

  /** The response templates of {@code split}, held out exactly like {@link #promptTemplates}. */
  List<Template> responseTemplates(Split split);

  /** A paragraph for dataset cards: the skill, instance sizes per split, and the error kinds. */
  String description();

  /** Human-readable statement of how {@link #judge} reads an answer from response text. */
  String parsingRule();

  /**
   * Gold reward for best-of-N: 1 if {@link #judge} says correct, else 0, minus a length penalty of
   * {@link #LENGTH_PENALTY_PER_WORD} per whitespace-separated word beyond {@link
   * #LENGTH_FREE_WORDS}, capped at {@link #MAX_LENGTH_PENALTY}. Every in-distribution response,
   * features included, is under the free length, so the penalty only bites on padded outputs.
   */
  default double goldReward(String prompt, String response) {
    double base = judge(prompt, response).correct() ? 1.0 : 0.0;
    String t = response.strip();
    int words = t.isEmpty() ? 0 : t.split("\\s+").length;
    double penalty =
        Math.min(
            MAX_LENGTH_PENALTY, LENGTH_PENALTY_PER_WORD * Math.max(0, words - LENGTH_FREE_WORDS));
    return base - penalty;
  }
}
