/**
 * Robustness under attack: runs attack recipes over preference pairs against each reward model and
 * reports, per attack and per family, attack success rate, accuracy drop and margin change with
 * intervals, and classic versus CLoud on the same items with McNemar, a paired difference interval
 * and Holm correction across attacks.
 */
package dev.squall.eval.robustness;
