package dev.squall.junit;

/**
 * What happened to one pair under one check, for one model.
 *
 * @param id the pair's id
 * @param eligible whether the pair counts (e.g. ranked correctly before the attack)
 * @param success the pair's credit in the proportion: 1 attack succeeded / flipped / ranked
 *     correctly, 0 not, ½ for an accuracy tie
 * @param severity how bad the pair is for the model (larger is worse): rejected − chosen reward
 *     after the perturbation
 * @param before the original rejected response
 * @param after the perturbed rejected response (equal to {@code before} when only the chosen side
 *     changed or nothing changed)
 * @param chosenBefore reward of the chosen response before
 * @param chosenAfter reward of the chosen response after
 * @param rejectedBefore reward of the rejected response before
 * @param rejectedAfter reward of the rejected response after
 */
record Outcome(
    String id, boolean eligible, double success, double severity, String before, String after,
    double chosenBefore, double chosenAfter, double rejectedBefore, double rejectedAfter) {}
