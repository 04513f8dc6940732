package dev.squall.campaign.run;

import dev.squall.campaign.config.CampaignConfig.DatasetSpec;
import dev.squall.data.Loaders;
import dev.squall.data.RowReader;
import dev.squall.data.Strictness;
import dev.squall.world.FeatureStrength;
import dev.squall.world.PairJsonl;
import dev.squall.world.PreferencePair;
import dev.squall.world.Split;
import dev.squall.world.Worlds;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Streams a dataset split's pairs, never holding them all: a world's generator (deterministic in
 * the dataset seed) or a pairs file read line by line. A split is capped at {@code cap} items;
 * with no cap, a world split has its default size.
 */
final class PairSource {
  private PairSource() {}

  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stop() {
      super(null, null, false, false);
    }
  }

  static long expected(DatasetSpec d, Split split, int cap) {
    if (d.world().isPresent()) {
      return cap > 0 ? cap : split.defaultCount();
    }
    return cap > 0 ? cap : -1;
  }

  static void forEach(DatasetSpec d, Split split, int cap, Consumer<PreferencePair> sink) {
    if (d.world().isPresent()) {
      int count = cap > 0 ? cap : split.defaultCount();
      Worlds.byName(d.world().get())
          .generate(split, count, d.seed(), FeatureStrength.of(d.strengthChosen(), d.strengthRejected()))
          .forEach(sink);
      return;
    }
    Path file = Path.of(d.file().orElseThrow());
    long[] n = {0};
    Consumer<PreferencePair> capped =
        p -> {
          if (cap > 0 && n[0] >= cap) {
            throw new Stop();
          }
          n[0]++;
          sink.accept(p);
        };
    try {
      if ("rewardbench".equals(d.loader())) {
        try (RowReader<PreferencePair> r = Loaders.rewardBench(file, Strictness.STRICT)) {
          r.forEachRemaining(capped);
        }
      } else {
        PairJsonl.forEach(file, capped);
      }
    } catch (Stop done) {
      // cap reached
    }
  }
}
