/** Policies: things that produce candidate responses (best-of-N, policy-driven attacks). */
package dev.squall.policy;
