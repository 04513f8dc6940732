/**
 * Best-of-N over-optimisation (Gao et al. 2022): the analytic KL of best-of-N sampling, the
 * {@link dev.squall.eval.bon.GaoFit} of gold reward R(d) = d(α − βd) against d = √KL with its
 * bootstrap intervals ({@link dev.squall.eval.bon.GaoFitBootstrap}), and {@link
 * dev.squall.eval.bon.BestOfN#select} which turns proxy and gold rewards of candidates into
 * proxy-versus-gold curves over nested candidate sets, with gold intervals that respect the gold
 * reward's support. {@link dev.squall.eval.bon.BestOfNEvaluator} runs the loop with a {@link
 * dev.squall.policy.CandidatePolicy}; campaigns run it as the {@code best_of_n} stage.
 */
package dev.squall.eval.bon;
