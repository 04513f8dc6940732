/**
 * Out-of-distribution generalisation: {@link dev.squall.eval.ood.OodEvaluator} scores one or two
 * reward models (classic and CLoud) on the in-distribution {@code TEST} split and the {@code OOD_*}
 * splits and reports accuracy with intervals, the gap to in-distribution, CLoud's gap minus
 * classic's, paired McNemar tests with Holm correction, and calibration drift, as Jackson-ready
 * records ({@link dev.squall.eval.ood.OodReport}).
 */
package dev.squall.eval.ood;
