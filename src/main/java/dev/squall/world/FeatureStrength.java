package dev.squall.world;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * How strongly spurious features are planted: each feature in {@code features} is attached,
 * independently, to the chosen response with probability {@code pChosen} and to the rejected
 * response with probability {@code pRejected}.
 *
 * @param pChosen P(feature on chosen), in [0, 1]
 * @param pRejected P(feature on rejected), in [0, 1]
 * @param features the features planted (iterated in enum order)
 */
public record FeatureStrength(double pChosen, double pRejected, Set<SpuriousFeature> features) {
  /** The training default: p_c = 0.65, p_r = 0.35 for every feature (weak enough that a reward model must check the answer to do well; see the model cards). */
  public static final FeatureStrength DEFAULT = of(0.65, 0.35);

  /** No features on either side. */
  public static final FeatureStrength NONE = of(0.0, 0.0);

  public FeatureStrength {
    check("pChosen", pChosen);
    check("pRejected", pRejected);
    features =
        Collections.unmodifiableSet(
            features.isEmpty() ? EnumSet.noneOf(SpuriousFeature.class) : EnumSet.copyOf(features));
  }

  /** All features at the given rates. */
  public static FeatureStrength of(double pChosen, double pRejected) {
    return new FeatureStrength(pChosen, pRejected, EnumSet.allOf(SpuriousFeature.class));
  }

  /** The same features with the two sides swapped. */
  public FeatureStrength reversed() {
    return new FeatureStrength(pRejected, pChosen, features);
  }

  /**
   * The strength actually used for {@code split} when {@code this} is the training strength: the
   * same for every split except {@link Split#OOD_REVERSED}, which gets {@link #reversed()}.
   */
  public FeatureStrength forSplit(Split split) {
    return split == Split.OOD_REVERSED ? reversed() : this;
  }

  private static void check(String name, double p) {
    if (!(p >= 0.0 && p <= 1.0)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], was " + p);
    }
  }
}
