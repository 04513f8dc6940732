/**
 * Interval estimates and paired tests behind every headline number Squall prints.
 *
 * <p>{@link dev.squall.stats.Proportion} (Wilson, Clopper–Pearson), seeded {@link
 * dev.squall.stats.Bootstrap} (percentile, BCa, paired, two independent samples), exact {@link
 * dev.squall.stats.McNemar}, {@link dev.squall.stats.Holm} step-down correction, {@link
 * dev.squall.stats.PairedDifference} of accuracies on the same items and {@link
 * dev.squall.stats.DifferenceInGap} (CLoud's OOD gap minus classic's). All results are records
 * and serialise with Jackson. Randomness comes only from the seed a {@link
 * dev.squall.stats.Bootstrap} is built with; every class here is immutable and thread-safe.
 */
package dev.squall.stats;
