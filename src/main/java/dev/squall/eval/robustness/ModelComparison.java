package dev.squall.eval.robustness;

import dev.squall.stats.Estimate;
import dev.squall.stats.McNemar;

/**
 * Classic versus CLoud under one attack, on the items both models ranked correctly before the
 * attack: McNemar on "still correct after the attack", and the difference of attack success rates
 * (CLoud minus classic; negative means CLoud is more robust) with a paired interval.
 *
 * @param holmAdjustedP McNemar p-value adjusted across all compared attacks
 * @param significant Holm's decision at the configured alpha
 */
public record ModelComparison(
    String attack,
    String family,
    int items,
    Estimate asrDifference,
    McNemar mcnemar,
    double holmAdjustedP,
    boolean significant) {}
