package dev.squall.eval.robustness;

/**
 * @param level confidence level of every interval, in (0, 1)
 * @param alpha family-wise error rate for Holm's correction across attacks
 * @param seed run seed; each item's search seed derives from it, the attack and the item
 */
public record RobustnessConfig(double level, double alpha, long seed) {
  public RobustnessConfig {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be in (0, 1), got " + level);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
    }
  }

  public static RobustnessConfig defaults(long seed) {
    return new RobustnessConfig(0.95, 0.05, seed);
  }
}
