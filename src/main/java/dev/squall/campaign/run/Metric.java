package dev.squall.campaign.run;

/**
 * One headline number with its interval.
 *
 * @param stage the stage id
 * @param metric the metric name ({@code ood_accuracy}, {@code ood_gap}, {@code bon_gold},
 *     {@code robust_accuracy}, {@code attack_success_rate})
 * @param model the model name
 * @param split the split id, or "" when none
 * @param attack the attack recipe name, {@code all} for pooled robustness metrics, "" otherwise
 * @param value the estimate
 * @param lower the interval's lower bound
 * @param upper the interval's upper bound
 * @param level the interval's confidence level
 * @param n the number of items behind it
 * @param method how the interval was computed (wilson, bootstrap-percentile, normal...)
 */
public record Metric(
    String stage, String metric, String model, String split, String attack, double value,
    double lower, double upper, double level, long n, String method) {}
