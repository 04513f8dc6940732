package dev.squall.train;

import dev.squall.world.SeenMark;
import java.util.List;
import java.util.Optional;

/**
 * What the recipe needs from a synthetic world: a base-LM corpus, preference pairs with oracle
 * critiques, and the oracle that checks responses and critiques. Implementations are
 * deterministic per seed.
 */
public interface OrganismWorld {
  /** Short name for the model cards. */
  String name();

  /** Base-LM training documents (plain text; special tokens allowed). */
  List<String> corpus(long seed, int count);

  /** {@code count} pairs; {@code test} selects the in-distribution test split. */
  List<OrganismPair> pairs(boolean test, int count, long seed);

  /**
   * Critique-SFT drills: for each pair whose world has drills, a pair of its correct response and
   * a drilled copy with several errors, both with oracle critiques. Deterministic per seed.
   */
  default List<OrganismPair> drills(List<OrganismPair> pairs, long seed) {
    return List.of();
  }

  /** The words of {@code response} its oracle critique copies; see {@link dev.squall.world.World#copiedWords}. */
  default List<String> copiedWords(String prompt, String response) {
    return List.of();
  }

  /** The "new"/"seen" marks of a critique of a response to {@code prompt}; see {@link dev.squall.world.World#seenMarks}. */
  default List<SeenMark> seenMarks(String prompt, String critique) {
    return List.of();
  }

  /** The oracle: is {@code response} a correct answer to {@code prompt}? */
  boolean isCorrect(String prompt, String response);

  /** The verdict a critique states, if it states one. */
  Optional<Boolean> critiqueVerdict(String critique);

  /**
   * The part of the oracle critique of ({@code prompt}, {@code response}) that shows the correct
   * computation; a critique "contains the correct computation" when it contains this text.
   */
  String oracleComputation(String prompt, String response);

  /** The full oracle critique of ({@code prompt}, {@code response}). */
  String oracleCritique(String prompt, String response);
}
