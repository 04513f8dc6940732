/**
 * Best-of-N over-optimisation (Gao et al. 2022): the analytic KL of best-of-N sampling, the
 * {@link dev.squall.eval.bon.GaoFit} of gold reward R(d) = d(α − βd) against d = √KL, and {@link
 * dev.squall.eval.bon.BestOfN#select} which turns proxy and gold rewards of candidates into
 * proxy-versus-gold curves over nested candidate sets. Pure functions over arrays; the sampling
 * loop with a policy lives elsewhere.
 */
package dev.squall.eval.bon;
