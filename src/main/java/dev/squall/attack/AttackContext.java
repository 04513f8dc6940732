package dev.squall.attack;

import dev.squall.world.World;
import java.util.Objects;
import java.util.Optional;

/**
 * What a transformation or constraint may know about the item under attack. The prompt is
 * protected by construction: candidates are responses only, and every query is scored against
 * this prompt.
 *
 * @param prompt the user prompt (never edited)
 * @param world the synthetic world whose oracle judges responses, when the item has one
 * @param reference the response the attacked one is compared with (the chosen / correct one)
 * @param markers chat-template markers of the targeted model, for critique hijacking
 */
public record AttackContext(
    String prompt, Optional<World> world, Optional<String> reference, ChatMarkers markers) {
  public AttackContext {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(world, "world");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(markers, "markers");
  }

  public static AttackContext of(String prompt) {
    return new AttackContext(prompt, Optional.empty(), Optional.empty(), ChatMarkers.LLAMA3);
  }
}
