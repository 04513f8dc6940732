package dev.squall.attack;

import dev.squall.world.PreferencePair;
import dev.squall.world.World;
import dev.squall.world.Worlds;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing to attack: a response to a prompt, optionally with the reference response it is
 * compared with and the world whose oracle keeps the gold label valid.
 *
 * @param id stable identifier (part of the item's seed)
 * @param prompt the prompt (protected: never edited)
 * @param response the response under attack
 * @param reference the chosen / correct response, when the goal compares against one
 * @param world the synthetic world, when the item comes from one
 */
public record AttackItem(
    String id, String prompt, String response, Optional<String> reference, Optional<World> world) {
  public AttackItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(world, "world");
  }

  /** Attack a pair's rejected response against its chosen one; the world comes from metadata. */
  public static AttackItem rejectedOf(PreferencePair pair) {
    Optional<World> w = pair.worldMetadata().map(m -> Worlds.byName(m.world()));
    return new AttackItem(pair.id(), pair.prompt(), pair.rejected(), Optional.of(pair.chosen()), w);
  }

  /** A lone response, for {@code raise_reward} goals. */
  public static AttackItem single(String id, String prompt, String response) {
    return new AttackItem(id, prompt, response, Optional.empty(), Optional.empty());
  }

  public AttackContext context(ChatMarkers markers) {
    return new AttackContext(prompt, world, reference, markers);
  }
}
