package dev.squall.attack;

import dev.squall.world.FeatureStrength;
import dev.squall.world.PreferencePair;
import dev.squall.world.Split;
import dev.squall.world.World;
import dev.squall.world.Worlds;
import java.util.List;
import java.util.stream.Collectors;

final class Fixtures {
  private Fixtures() {}

  static final World ARITH = Worlds.byName("arithmetic");
  static final World LISTS = Worlds.byName("lists");

  static List<PreferencePair> pairs(World w, int n, long seed) {
    return w.generate(Split.TEST, n, seed, FeatureStrength.NONE).collect(Collectors.toList());
  }

  static List<AttackItem> items(World w, int n, long seed) {
    return pairs(w, n, seed).stream().map(AttackItem::rejectedOf).toList();
  }

  /** 1 for an oracle-correct response, else 0. */
  static double gold(World w, String prompt, String response) {
    return w.judge(prompt, response).correct() ? 1.0 : 0.0;
  }

  static Vocabulary vocab(int size, String magic, int magicAt) {
    List<String> words = new java.util.ArrayList<>();
    for (int i = 0; words.size() < size; i++) {
      words.add("word" + (char) ('a' + i % 26) + (char) ('a' + i / 26));
    }
    if (magic != null) {
      words.set(magicAt, magic);
    }
    return new Vocabulary(words);
  }
}
