/** Attack goals: what counts as success, and the per-item query budget. */
package dev.squall.attack.goal;
