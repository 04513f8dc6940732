/**
 * The adversarial generator. An {@link dev.squall.attack.Attack} is a {@link
 * dev.squall.attack.Transformation} + {@link dev.squall.attack.Constraint}s + a {@link
 * dev.squall.attack.goal.Goal} + a {@link dev.squall.attack.SearchMethod} (TextAttack's
 * decomposition, adapted to rewards and preference pairs). {@link dev.squall.attack.AttackRunner}
 * runs one attack on one {@link dev.squall.attack.AttackItem}, black-box over a {@link
 * dev.squall.rm.RewardModel}'s scores, with every model query batched, cached ({@link
 * dev.squall.attack.QueryCache}), counted and kept within the goal's budget.
 *
 * <p>Text under attack is the immutable {@link dev.squall.attack.AttackedText}, which remembers
 * its {@link dev.squall.attack.Edit}s. Results are {@link dev.squall.attack.AttackResult}s with a
 * sealed {@link dev.squall.attack.AttackStatus}.
 */
package dev.squall.attack;
