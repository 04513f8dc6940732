package dev.squall.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The critique-SFT weights single out exactly the tokens where a pair's critiques differ. */
class ContrastWeightsTest {
  @Test
  void tokensOutsideTheCommonSubsequenceGetTheWeight() {
    // prefix 9 9 (not targets), then critiques: 1 2 3 4 7 versus 1 5 3 6 7
    long[] a = {9, 9, 1, 2, 3, 4, 7};
    long[] b = {9, 9, 1, 5, 3, 6, 7};
    float[][] w = OrganismRecipe.contrastWeights(a, 2, b, 2, 4f);
    assertArrayEquals(new float[] {1, 1, 1, 4, 1, 4, 1}, w[0]);
    assertArrayEquals(new float[] {1, 1, 1, 4, 1, 4, 1}, w[1]);
  }

  @Test
  void insertionsAndDifferentLengthsAreWeightedOnTheLongerSide() {
    long[] a = {1, 2, 3};
    long[] b = {1, 8, 8, 2, 3, 5};
    float[][] w = OrganismRecipe.contrastWeights(a, 0, b, 0, 3f);
    assertArrayEquals(new float[] {1, 1, 1}, w[0]);
    assertArrayEquals(new float[] {1, 3, 3, 1, 1, 3}, w[1]);
  }

  @Test
  void weightOneIsPlainSftAndPromptTokensAreNeverWeighted() {
    long[] a = {5, 1, 2};
    long[] b = {6, 1, 3};
    assertArrayEquals(new float[] {1, 1, 1}, OrganismRecipe.contrastWeights(a, 1, b, 1, 1f)[0]);
    float[][] w = OrganismRecipe.contrastWeights(a, 1, b, 1, 2f);
    assertArrayEquals(new float[] {1, 1, 2}, w[0]);
    assertArrayEquals(new float[] {1, 1, 2}, w[1]);
  }

  @Test
  void copiesOfResponseWordsInTheCritiqueGetTheCopyWeight() {
    // prompt 7 7 | critique: 3 4 (a copied two-token word) 5 3 4 6 (copied again), and 9 (another)
    long[] seq = {7, 3, 4, 1, 3, 4, 6, 9};
    float[] w = {1, 1, 1, 1, 1, 1, 5, 1};
    OrganismRecipe.weightCopies(seq, 1, w, List.of(new long[] {3, 4}, new long[] {9}), 3f);
    assertArrayEquals(new float[] {1, 3, 3, 1, 3, 3, 5, 3}, w, "max of both weights; prompt untouched");
    float[] none = {1, 1, 1, 1, 1, 1, 1, 1};
    OrganismRecipe.weightCopies(seq, 0, none, List.of(new long[] {4, 3}), 3f);
    assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 1, 1}, none, "no occurrence, nothing weighted");
  }
}
