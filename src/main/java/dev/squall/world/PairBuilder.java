package dev.squall.world;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Turns a world's drawn instances into decorated, critiqued {@link PreferencePair}s and corpus
 * documents. Example {@code i} of a split depends only on (seed, world, split, i).
 */
final class PairBuilder {
  private PairBuilder() {}

  static Stream<PreferencePair> generate(
      World world,
      InstanceSource source,
      Split split,
      int count,
      long seed,
      FeatureStrength strength) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, was " + count);
    }
    FeatureStrength s = strength.forSplit(split);
    return IntStream.range(0, count).mapToObj(i -> build(world, source, split, seed, i, s));
  }

  private static PreferencePair build(
      World world, InstanceSource source, Split split, long seed, int index, FeatureStrength s) {
    SplittableRandom rnd = ExampleRandom.forExample(seed, world.name(), split.id(), index);
    WorldInstance inst = source.draw(split, rnd.split());
    SplittableRandom fr = rnd.split();
    EnumSet<SpuriousFeature> onChosen = EnumSet.noneOf(SpuriousFeature.class);
    EnumSet<SpuriousFeature> onRejected = EnumSet.noneOf(SpuriousFeature.class);
    for (SpuriousFeature f : s.features()) {
      if (fr.nextDouble() < s.pChosen()) {
        onChosen.add(f);
      }
      if (fr.nextDouble() < s.pRejected()) {
        onRejected.add(f);
      }
    }
    String chosen = SpuriousFeature.decorate(inst.chosen(), onChosen, fr);
    String rejected = SpuriousFeature.decorate(inst.rejected(), onRejected, fr);
    WorldMetadata meta =
        new WorldMetadata(
            world.name(),
            split,
            seed,
            WorldMetadata.CHOSEN,
            inst.answer(),
            inst.errorKind().id(),
            new ArrayList<>(onChosen),
            new ArrayList<>(onRejected),
            world.oracleCritique(inst.prompt(), chosen),
            world.oracleCritique(inst.prompt(), rejected));
    String id = String.format(Locale.ROOT, "%s-%s-%d-%06d", world.name(), split.id(), seed, index);
    return new PreferencePair(
        id, world.name() + "/" + split.id(), inst.prompt(), chosen, rejected, meta);
  }

  /**
   * Plain-text documents for the base LM: training-distribution prompts with a correct or wrong
   * response (each feature on with probability 1/2, so features carry no signal here), followed by
   * the oracle critique in half of the documents; lines separated by {@code \n}.
   */
  static Stream<String> corpus(World world, InstanceSource source, long seed, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, was " + count);
    }
    return IntStream.range(0, count)
        .mapToObj(
            i -> {
              SplittableRandom rnd = ExampleRandom.forExample(seed, world.name(), "corpus", i);
              WorldInstance inst = source.draw(Split.TRAIN, rnd.split());
              SplittableRandom fr = rnd.split();
              String body = fr.nextBoolean() ? inst.chosen() : inst.rejected();
              EnumSet<SpuriousFeature> on = EnumSet.noneOf(SpuriousFeature.class);
              for (SpuriousFeature f : SpuriousFeature.values()) {
                if (fr.nextBoolean()) {
                  on.add(f);
                }
              }
              String response = SpuriousFeature.decorate(body, on, fr);
              List<String> lines = new ArrayList<>(List.of(inst.prompt(), response));
              if (fr.nextBoolean()) {
                lines.add(world.oracleCritique(inst.prompt(), response));
              }
              return String.join("\n", lines);
            });
  }
}
