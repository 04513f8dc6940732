package dev.squall.eval.metrics;

import java.util.Objects;

/**
 * The distribution of margin changes Δ = (r⁺' − r⁻') − (r⁺ − r⁻) over pairs.
 *
 * @param mean the mean change with n and a normal interval
 * @param min smallest change
 * @param q10 10th percentile (type-7 quantiles throughout)
 * @param q25 lower quartile
 * @param median median
 * @param q75 upper quartile
 * @param q90 90th percentile
 * @param max largest change
 */
public record MarginChange(
    MetricValue mean,
    double min,
    double q10,
    double q25,
    double median,
    double q75,
    double q90,
    double max) {
  public MarginChange {
    Objects.requireNonNull(mean, "mean");
  }
}
