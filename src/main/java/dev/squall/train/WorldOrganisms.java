package dev.squall.train;

import dev.squall.world.FeatureStrength;
import dev.squall.world.ListWorld;
import dev.squall.world.PreferencePair;
import dev.squall.world.SeenMark;
import dev.squall.world.Split;
import dev.squall.world.World;
import dev.squall.world.Worlds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The recipe's view of Squall's synthetic worlds ({@link dev.squall.world}): the corpus and the
 * pairs of several worlds interleaved (train pairs with the planted spurious features at {@link
 * FeatureStrength#DEFAULT}; test = {@link Split#TEST}), oracle critiques from {@link
 * World#oracleCritique}, and the oracle from {@link World#judge}. Immutable.
 */
public final class WorldOrganisms implements OrganismWorld {
  private static final Pattern VERDICT = Pattern.compile("Verdict: (correct|incorrect)\\.\\s*$");
  private final List<World> worlds;
  private final FeatureStrength strength;

  public WorldOrganisms(List<World> worlds, FeatureStrength strength) {
    if (worlds.isEmpty()) {
      throw new IllegalArgumentException("need at least one world");
    }
    this.worlds = List.copyOf(worlds);
    this.strength = strength;
  }

  /** Every built-in world at the default feature strength. */
  public static WorldOrganisms all() {
    return new WorldOrganisms(Worlds.all(), FeatureStrength.DEFAULT);
  }

  /** Every built-in world at the default feature strength, the list world's critiques in {@code format}. */
  public static WorldOrganisms all(ListWorld.CritiqueFormat format) {
    List<World> worlds = new ArrayList<>();
    for (World w : Worlds.all()) {
      worlds.add(w instanceof ListWorld ? new ListWorld(format) : w);
    }
    return new WorldOrganisms(worlds, FeatureStrength.DEFAULT);
  }

  @Override
  public String name() {
    return worlds.stream().map(World::name).collect(Collectors.joining("+"))
        + " (features " + strength.pChosen() + "/" + strength.pRejected() + ")";
  }

  @Override
  public List<String> corpus(long seed, int count) {
    List<List<String>> parts = new ArrayList<>();
    for (int w = 0; w < worlds.size(); w++) {
      parts.add(worlds.get(w).corpus(seed, share(count, w)).toList());
    }
    return interleave(parts);
  }

  @Override
  public List<OrganismPair> pairs(boolean test, int count, long seed) {
    List<List<OrganismPair>> parts = new ArrayList<>();
    for (int w = 0; w < worlds.size(); w++) {
      World world = worlds.get(w);
      parts.add(world.generate(test ? Split.TEST : Split.TRAIN, share(count, w), seed, strength)
          .map(p -> toPair(world, p)).toList());
    }
    return interleave(parts);
  }

  @Override
  public List<OrganismPair> drills(List<OrganismPair> pairs, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<OrganismPair> out = new ArrayList<>();
    for (OrganismPair p : pairs) {
      World w = worldOf(p.prompt());
      w.drill(p.prompt(), p.chosen(), rnd).ifPresent(d -> out.add(new OrganismPair(
          p.id() + "-drill", p.prompt(), p.chosen(), d, p.chosenCritique(),
          w.oracleCritique(p.prompt(), d))));
    }
    return out;
  }

  @Override
  public List<String> copiedWords(String prompt, String response) {
    return worldOf(prompt).copiedWords(prompt, response);
  }

  @Override
  public List<SeenMark> seenMarks(String prompt, String critique) {
    return worldOf(prompt).seenMarks(critique);
  }

  @Override
  public boolean isCorrect(String prompt, String response) {
    return worldOf(prompt).judge(prompt, response).correct();
  }

  @Override
  public Optional<Boolean> critiqueVerdict(String critique) {
    Matcher m = VERDICT.matcher(critique);
    return m.find() ? Optional.of(m.group(1).equals("correct")) : Optional.empty();
  }

  /**
   * The oracle critique's worked computation: everything before the verdict sentence (for
   * arithmetic the column steps with the response's digits and the result, for lists the per-item
   * checks and the count).
   */
  @Override
  public String oracleComputation(String prompt, String response) {
    String c = worldOf(prompt).oracleCritique(prompt, response);
    int v = c.lastIndexOf(" Verdict:");
    return v < 0 ? c : c.substring(0, v);
  }

  @Override
  public String oracleCritique(String prompt, String response) {
    return worldOf(prompt).oracleCritique(prompt, response);
  }

  private World worldOf(String prompt) {
    for (World w : worlds) {
      try {
        w.judge(prompt, "");
        return w;
      } catch (RuntimeException e) {
        // not this world's prompt
      }
    }
    throw new IllegalArgumentException("no world parses the prompt: " + prompt);
  }

  private static OrganismPair toPair(World w, PreferencePair p) {
    return new OrganismPair(p.id(), p.prompt(), p.chosen(), p.rejected(),
        w.oracleCritique(p.prompt(), p.chosen()), w.oracleCritique(p.prompt(), p.rejected()));
  }

  private int share(int count, int w) {
    int n = worlds.size();
    return count / n + (w < count % n ? 1 : 0);
  }

  private static <T> List<T> interleave(List<List<T>> parts) {
    List<T> out = new ArrayList<>();
    int max = parts.stream().mapToInt(List::size).max().orElse(0);
    for (int i = 0; i < max; i++) {
      for (List<T> p : parts) {
        if (i < p.size()) {
          out.add(p.get(i));
        }
      }
    }
    return out;
  }
}
