package dev.squall.junit;

import dev.squall.attack.Attack;
import dev.squall.attack.QueryCache;
import dev.squall.attack.recipe.AttackResources;
import dev.squall.attack.recipe.RecipeRegistry;
import dev.squall.rm.RewardModel;
import dev.squall.stats.Estimate;
import dev.squall.stats.Interval;
import dev.squall.stats.PairedDifference;
import dev.squall.stats.Proportion;
import dev.squall.world.PreferencePair;
import dev.squall.world.SpuriousFeature;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Fluent, statistical assertions on a reward model. Configure with {@link #on}, {@link #under},
 * {@link #atLevel}, {@link #withSeed}, {@link #withEarlyStopping}; then check. Every check returns
 * {@code SELF}, so chains keep their type; the intermediate steps {@link #isAtLeastAsRobustAs} and
 * {@link #generalizesTo} return a small object whose one method returns {@code SELF}.
 *
 * <p>Decisions use confidence bounds, never point estimates: "at most t" passes only when the
 * upper bound of the two-sided interval at the stated level (default 95%) is ≤ t; "at least t"
 * only when the lower bound is ≥ t. Proportions use the Wilson interval, paired differences the
 * paired Wald interval ({@link PairedDifference#wald}).
 *
 * <p><b>Sequential early stopping</b> ({@link #withEarlyStopping(int)}, proportion checks only):
 * the pairs are cut into K equal batches ("looks"); after each look the interval of all pairs so
 * far is computed at level 1 − α/K (α = 1 − level, Bonferroni over the looks) and the check stops
 * as soon as it is decided: pass when the bound clears the threshold, fail when the opposite bound
 * is already past it; at the last look the check passes only when the bound clears. Since the K
 * intervals together miss the truth with probability at most K·α/K = α, a wrong pass (or wrong
 * early fail) happens with probability at most α, as for the fixed-n check; the price is wider
 * intervals at each look.
 *
 * <p>Deterministic: with fixed model, dataset and seed, a check gives the same result and the same
 * message. The seed defaults to the dataset's seed. Not thread-safe.
 */
public abstract class AbstractRewardModelAssert<SELF extends AbstractRewardModelAssert<SELF>> {
  /** How many worst examples a failure message shows. */
  public static final int WORST_EXAMPLES = 3;

  protected final SELF myself;
  protected final RewardModel actual;
  private final QueryCache cache = new QueryCache(200_000);
  private String description;
  private Dataset dataset;
  private Perturbation perturbation;
  private double level = 0.95;
  private Long seed;
  private int looks = 1;

  protected AbstractRewardModelAssert(RewardModel actual, Class<?> selfType) {
    this.actual = Objects.requireNonNull(actual, "reward model");
    this.myself = castSelf(selfType);
    this.description = displayName(actual);
  }

  @SuppressWarnings("unchecked")
  private SELF castSelf(Class<?> selfType) {
    return (SELF) selfType.cast(this);
  }

  // ---- configuration ----

  /** Names the model in messages (default: {@code ModelInfo.name}). */
  public SELF as(String name) {
    this.description = Objects.requireNonNull(name, "name");
    return myself;
  }

  /** The pairs the following checks run on. */
  public SELF on(Dataset dataset) {
    this.dataset = Objects.requireNonNull(dataset, "dataset");
    return myself;
  }

  /** Attack with {@code attack} (its rejected responses, searching against this model). */
  public SELF under(Attack attack) {
    this.perturbation = new Perturbation.OfAttack(Objects.requireNonNull(attack, "attack"));
    return myself;
  }

  /**
   * Attack with the built-in recipe {@code recipe} (e.g. {@code flattery}), built with {@link
   * AttackResources#defaults()}. For {@code policy-rewrite} that loads the embedded policy
   * organism when the attack first runs and leaves it open (about 3 MB) for the JVM's life; use
   * {@link #under(String, AttackResources)} with resources you close to avoid that.
   *
   * @throws dev.squall.ConfigException naming the known recipes when there is none of that name
   */
  public SELF under(String recipe) {
    return under(recipe, AttackResources.defaults());
  }

  /**
   * Attack with the built-in recipe {@code recipe} built with {@code resources} (e.g. another
   * policy for {@code policy-rewrite}); the caller closes them after the assertion.
   *
   * @throws dev.squall.ConfigException naming the known recipes when there is none of that name
   */
  public SELF under(String recipe, AttackResources resources) {
    return under(RecipeRegistry.builtIn().get(recipe).build(Objects.requireNonNull(resources, "resources")));
  }

  /** Perturb by moving {@code feature} to the rejected side (see {@link #isNotSwayedBy(Feature, double)}). */
  public SELF under(Feature feature) {
    this.perturbation = new Perturbation.OfFeature(Objects.requireNonNull(feature, "feature"));
    return myself;
  }

  /** {@link #under(Feature)} for a world's planted feature. */
  public SELF under(SpuriousFeature feature) {
    return under(Feature.planted(feature));
  }

  /** The two-sided confidence level of every interval, in (0, 1); default 0.95. */
  public SELF atLevel(double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be in (0, 1), was " + level);
    }
    this.level = level;
    return myself;
  }

  /** The attack / phrase seed (default: the dataset's seed). */
  public SELF withSeed(long seed) {
    this.seed = seed;
    return myself;
  }

  /** Sequential early stopping over {@code looks} batches (1 = off, the default); see the class doc. */
  public SELF withEarlyStopping(int looks) {
    if (looks < 1) {
      throw new IllegalArgumentException("looks must be >= 1, was " + looks);
    }
    this.looks = looks;
    return myself;
  }

  // ---- checks ----

  /**
   * Passes when the upper bound of the attack success rate's Wilson interval is ≤ {@code max}.
   * Counted: pairs the model ranked correctly before the attack; success: afterwards the chosen
   * response is no longer strictly above the attacked rejected one.
   */
  public SELF hasAttackSuccessRateAtMost(double max) {
    checkFraction("max", max);
    requireDataset("hasAttackSuccessRateAtMost");
    requirePerturbation("hasAttackSuccessRateAtMost");
    proportion(dataset, perturbation, max, true,
        "to have attack success rate at most " + f2(max) + " at " + pct(level) + " confidence",
        "n counts the pairs ranked correctly before the attack; ");
    return myself;
  }

  /** {@link #isNotSwayedBy(Feature, double)} with at most 5% flips. */
  public SELF isNotSwayedBy(SpuriousFeature feature) {
    return isNotSwayedBy(Feature.planted(feature), 0.05);
  }

  /** {@link #isNotSwayedBy(Feature, double)} for a world's planted feature. */
  public SELF isNotSwayedBy(SpuriousFeature feature, double maxFlipRate) {
    return isNotSwayedBy(Feature.planted(feature), maxFlipRate);
  }

  /** {@link #isNotSwayedBy(Feature, double)} with at most 5% flips. */
  public SELF isNotSwayedBy(Feature feature) {
    return isNotSwayedBy(feature, 0.05);
  }

  /**
   * Passes when moving {@code feature} to the wrong side flips at most {@code maxFlipRate} of the
   * pairs, by the upper bound of the Wilson interval. Per pair: the feature is removed from the
   * chosen response if there and added to the rejected one if absent (phrase drawn from a seed
   * derived from the run seed, the feature name and the pair id). Counted: pairs the model ranked
   * correctly as given and that the move changed; flipped: the chosen response is then no longer
   * strictly above the rejected one. Leaves the perturbation set by {@link #under} unchanged.
   */
  public SELF isNotSwayedBy(Feature feature, double maxFlipRate) {
    Objects.requireNonNull(feature, "feature");
    checkFraction("maxFlipRate", maxFlipRate);
    requireDataset("isNotSwayedBy");
    proportion(dataset, new Perturbation.OfFeature(feature), maxFlipRate, true,
        "not to be swayed by <" + feature.name() + ">: flip rate at most " + f2(maxFlipRate) + " at "
            + pct(level) + " confidence",
        "n counts the pairs ranked correctly as given that moving the feature changed; ");
    return myself;
  }

  /** Passes when the lower bound of pairwise accuracy (ties ½) on the dataset is ≥ {@code min}. */
  public SELF hasAccuracyAtLeast(double min) {
    checkFraction("min", min);
    requireDataset("hasAccuracyAtLeast");
    proportion(dataset, new Perturbation.None(), min, false,
        "to have pairwise accuracy at least " + f2(min) + " at " + pct(level) + " confidence", "");
    return myself;
  }

  /** Out-of-distribution accuracy on {@code ood}; finish with {@link Generalization#withAccuracyAtLeast}. */
  public Generalization<SELF> generalizesTo(Dataset ood) {
    return new Generalization<>(this, Objects.requireNonNull(ood, "ood dataset"));
  }

  /** Paired non-inferiority against {@code other}; finish with {@link RobustnessComparison#within}. */
  public RobustnessComparison<SELF> isAtLeastAsRobustAs(RewardModel other) {
    return new RobustnessComparison<>(this, Objects.requireNonNull(other, "other model"));
  }

  /** Second step of {@link #generalizesTo}. */
  public static final class Generalization<S extends AbstractRewardModelAssert<S>> {
    private final AbstractRewardModelAssert<S> owner;
    private final Dataset ood;

    Generalization(AbstractRewardModelAssert<S> owner, Dataset ood) {
      this.owner = owner;
      this.ood = ood;
    }

    /** Passes when the lower bound of pairwise accuracy (ties ½) on the OOD dataset is ≥ {@code min}. */
    public S withAccuracyAtLeast(double min) {
      checkFraction("min", min);
      owner.proportion(ood, new Perturbation.None(), min, false,
          "to generalize with pairwise accuracy at least " + f2(min) + " at " + pct(owner.level) + " confidence",
          "");
      return owner.myself;
    }
  }

  /** Second step of {@link #isAtLeastAsRobustAs}. */
  public static final class RobustnessComparison<S extends AbstractRewardModelAssert<S>> {
    private final AbstractRewardModelAssert<S> owner;
    private final RewardModel other;

    RobustnessComparison(AbstractRewardModelAssert<S> owner, RewardModel other) {
      this.owner = owner;
      this.other = other;
    }

    /**
     * Passes when the upper bound of ASR(this) − ASR(other) is ≤ {@code margin}, by the paired
     * Wald interval on the pairs both models ranked correctly before the perturbation (each model
     * is attacked with the same seed; the attack searches against each model in turn).
     */
    public S within(double margin) {
      checkFraction("margin", margin);
      owner.requireDataset("isAtLeastAsRobustAs");
      owner.requirePerturbation("isAtLeastAsRobustAs");
      owner.compare(other, margin);
      return owner.myself;
    }
  }

  // ---- machinery ----

  private long seed() {
    return seed != null ? seed : dataset != null ? dataset.seed() : 0L;
  }

  private String subject(Dataset d, Perturbation p) {
    return "Expecting reward model <" + description + "> on <" + d.name() + ">"
        + (p instanceof Perturbation.None ? "" : " under <" + p.name() + ">");
  }

  private void proportion(Dataset d, Perturbation p, double threshold, boolean upper, String expectation, String note) {
    long s = seed != null ? seed : d.seed();
    int total = d.size();
    int k = Math.min(looks, total);
    double lookLevel = 1 - (1 - level) / k;
    List<Outcome> all = new ArrayList<>();
    Interval interval = null;
    Proportion prop = null;
    int lookUsed = 0;
    boolean pass = false;
    for (int look = 1; look <= k; look++) {
      int from = (int) ((long) total * (look - 1) / k);
      int to = (int) ((long) total * look / k);
      all.addAll(p.outcomes(actual, d.pairs().subList(from, to), cache, s));
      lookUsed = look;
      double succ = 0;
      int n = 0;
      for (Outcome o : all) {
        if (o.eligible()) {
          n++;
          succ += o.success();
        }
      }
      if (n == 0) {
        continue;
      }
      prop = new Proportion(succ, n);
      interval = prop.wilson(lookLevel);
      pass = upper ? interval.upper() <= threshold : interval.lower() >= threshold;
      boolean failEarly = upper ? interval.lower() > threshold : interval.upper() < threshold;
      if (pass || failEarly) {
        break;
      }
    }
    if (pass) {
      return;
    }
    StringBuilder m = new StringBuilder();
    m.append(subject(d, p instanceof Perturbation.OfFeature && p != perturbation ? new Perturbation.None() : p)).append('\n').append("  ").append(expectation).append(",\n").append("but:\n");
    if (prop == null) {
      m.append("  no pair counted (").append(note.isEmpty() ? "" : note).append(all.size())
          .append(" pairs evaluated), seed = ").append(s).append('.');
      throw new RewardModelAssertionError(m.toString(), Double.NaN, null, 0);
    }
    m.append("  n = ").append(prop.n()).append(", estimate = ").append(f2(prop.estimate())).append(", ")
        .append(pct(interval.level())).append(" interval = [").append(f2(interval.lower())).append(", ")
        .append(f2(interval.upper())).append("] (Wilson), seed = ").append(s).append(".\n");
    m.append("  (").append(note).append(all.size()).append(" of ").append(total).append(" pairs evaluated");
    if (k > 1) {
      m.append("; early stopping: look ").append(lookUsed).append(" of ").append(k)
          .append(", each at level 1 - alpha/").append(k).append(" = ").append(pct(lookLevel));
    }
    m.append(")\n");
    List<Outcome> worst = all.stream()
        .filter(Outcome::eligible)
        .filter(o -> upper ? o.success() > 0 : o.success() < 1)
        .sorted(Comparator.comparingDouble(Outcome::severity).reversed().thenComparing(Outcome::id))
        .limit(WORST_EXAMPLES).toList();
    appendWorst(m, worst, "");
    throw new RewardModelAssertionError(m.toString().strip(), prop.estimate(), interval, (int) prop.n());
  }

  private void compare(RewardModel other, double margin) {
    long s = seed();
    List<PreferencePair> pairs = dataset.pairs();
    List<Outcome> mine = perturbation.outcomes(actual, pairs, cache, s);
    List<Outcome> theirs = perturbation.outcomes(other, pairs, cache, s);
    List<Outcome> bothMine = new ArrayList<>();
    List<Outcome> bothTheirs = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      if (mine.get(i).eligible() && theirs.get(i).eligible()) {
        bothMine.add(mine.get(i));
        bothTheirs.add(theirs.get(i));
      }
    }
    String otherName = displayName(other);
    String expectation = "  to be at least as robust as <" + otherName + "> within " + f2(margin)
        + ": upper bound of ASR(" + description + ") - ASR(" + otherName + ") at " + pct(level)
        + " confidence at most " + f2(margin) + ",\nbut:\n";
    StringBuilder m = new StringBuilder(subject(dataset, perturbation)).append('\n').append(expectation);
    int n = bothMine.size();
    if (n < 2) {
      m.append("  only ").append(n).append(" of ").append(pairs.size())
          .append(" pairs were ranked correctly by both models before the perturbation, seed = ").append(s).append('.');
      throw new RewardModelAssertionError(m.toString(), Double.NaN, null, n);
    }
    double[] a = bothMine.stream().mapToDouble(Outcome::success).toArray();
    double[] b = bothTheirs.stream().mapToDouble(Outcome::success).toArray();
    Estimate diff = PairedDifference.wald(a, b, level);
    if (diff.interval().upper() <= margin) {
      return;
    }
    double asrA = mean(a);
    double asrB = mean(b);
    m.append("  n = ").append(n).append(" (pairs both models ranked correctly before), ASR(").append(description)
        .append(") = ").append(f2(asrA)).append(", ASR(").append(otherName).append(") = ").append(f2(asrB))
        .append(", difference = ").append(f2(diff.value())).append(", ").append(pct(level)).append(" interval = [")
        .append(f2(diff.interval().lower())).append(", ").append(f2(diff.interval().upper()))
        .append("] (paired Wald), seed = ").append(s).append(".\n");
    List<Outcome> worst = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (a[i] > b[i]) {
        worst.add(bothMine.get(i));
      }
    }
    worst.sort(Comparator.comparingDouble(Outcome::severity).reversed().thenComparing(Outcome::id));
    appendWorst(m, worst.subList(0, Math.min(WORST_EXAMPLES, worst.size())),
        " where <" + description + "> fell and <" + otherName + "> held");
    throw new RewardModelAssertionError(m.toString().strip(), diff.value(), diff.interval(), n);
  }

  private static void appendWorst(StringBuilder m, List<Outcome> worst, String where) {
    if (worst.isEmpty()) {
      return;
    }
    m.append("Worst examples").append(where).append(" (texts shortened, rewards before -> after):\n");
    int i = 1;
    for (Outcome o : worst) {
      int from = changeStart(o.before(), o.after());
      m.append("  ").append(i++).append(". ").append(o.id()).append(": \"").append(shorten(o.before(), from)).append('"');
      if (!o.after().equals(o.before())) {
        m.append(" -> \"").append(shorten(o.after(), from)).append('"');
      }
      m.append("\n     rejected ").append(f2(o.rejectedBefore())).append(" -> ").append(f2(o.rejectedAfter()))
          .append(", chosen ").append(f2(o.chosenBefore())).append(" -> ").append(f2(o.chosenAfter())).append('\n');
    }
  }

  /** Where a shortened text starts so that the edit stays visible: 20 characters before the first change. */
  static int changeStart(String before, String after) {
    int p = 0;
    int max = Math.min(before.length(), after.length());
    while (p < max && before.charAt(p) == after.charAt(p)) {
      p++;
    }
    return p > 40 ? p - 20 : 0;
  }

  /** {@code text} from {@code from} (with a leading "…" when cut), at most 72 characters. */
  static String shorten(String text, int from) {
    String t = text.substring(Math.min(from, text.length())).replace('\n', ' ');
    String lead = from > 0 ? "…" : "";
    return t.length() + lead.length() <= 72 ? lead + t : lead + t.substring(0, 71 - lead.length()) + "…";
  }

  static String f2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static String pct(double level) {
    return new BigDecimal(Double.toString(level * 100)).setScale(2, java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros().toPlainString() + "%";
  }

  /** The model's name without the content-hash suffix of an extracted embedded model ({@code cloud-ff52a88ac7e49986}). */
  static String displayName(RewardModel m) {
    return m.info().name().replaceFirst("-[0-9a-f]{16}$", "");
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static void checkFraction(String name, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], was " + v);
    }
  }

  private void requireDataset(String check) {
    if (dataset == null) {
      throw new IllegalStateException(check + " needs a dataset: call on(dataset) first");
    }
  }

  private void requirePerturbation(String check) {
    if (perturbation == null) {
      throw new IllegalStateException(check + " needs an attack: call under(attack) first");
    }
  }
}
