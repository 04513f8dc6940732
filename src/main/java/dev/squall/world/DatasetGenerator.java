package dev.squall.world;

import dev.squall.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes {@code <dir>/<world>/<split>.jsonl} for every split plus a generated dataset card {@code
 * <dir>/<world>/README.md}, and a {@code .gitignore} naming files over {@link #MAX_BYTES}.
 */
public final class DatasetGenerator {
  /** Bumped whenever the row format or the generators change their output. */
  public static final int FORMAT_VERSION = 1;

  /** The seed used for the committed datasets. */
  public static final long DEFAULT_SEED = 20_240_821L;

  /** Files larger than this are not meant to be committed. */
  public static final long MAX_BYTES = 8_000_000L;

  /**
   * What to generate for one world.
   *
   * @param counts pairs per split; splits absent from the map are not generated
   * @param strength training feature strength (reversed automatically for OOD_REVERSED)
   */
  public record Plan(Map<Split, Integer> counts, FeatureStrength strength) {
    public Plan {
      Objects.requireNonNull(strength, "strength");
      EnumMap<Split, Integer> c = new EnumMap<>(Split.class);
      c.putAll(counts);
      for (int n : c.values()) {
        if (n < 0) {
          throw new IllegalArgumentException("counts must be >= 0: " + c);
        }
      }
      counts = Collections.unmodifiableMap(c);
    }

    /** Default sizes ({@link Split#defaultCount()}) at {@link FeatureStrength#DEFAULT}. */
    public static Plan defaults() {
      Map<Split, Integer> c = new EnumMap<>(Split.class);
      for (Split s : Split.values()) {
        c.put(s, s.defaultCount());
      }
      return new Plan(c, FeatureStrength.DEFAULT);
    }
  }

  /** What was written for one split. */
  public record SplitSummary(Split split, Path file, long rows, long bytes) {}

  private DatasetGenerator() {}

  /** Generates every world at default sizes into {@code datasetsDir}. */
  public static List<SplitSummary> generateAll(Path datasetsDir, long seed) {
    List<SplitSummary> out = new ArrayList<>();
    for (World w : Worlds.all()) {
      out.addAll(generate(w, datasetsDir, seed, Plan.defaults()));
    }
    return out;
  }

  /** Generates one world into {@code datasetsDir/<world>/}. */
  public static List<SplitSummary> generate(World world, Path datasetsDir, long seed, Plan plan) {
    Path dir = datasetsDir.resolve(world.name());
    List<SplitStats> stats = new ArrayList<>();
    List<SplitSummary> out = new ArrayList<>();
    Set<String> trainPairs = new HashSet<>();
    for (Map.Entry<Split, Integer> e : plan.counts().entrySet()) {
      Split split = e.getKey();
      SplitStats st = new SplitStats(split, plan.strength().forSplit(split));
      Iterator<PreferencePair> rows =
          world
              .generate(split, e.getValue(), seed, plan.strength())
              .peek(st::add)
              .peek(
                  p -> {
                    if (split == Split.TRAIN) {
                      trainPairs.add(key(p));
                    } else if (trainPairs.contains(key(p))) {
                      st.trainOverlap++;
                    }
                  })
              .iterator();
      Path file = dir.resolve(split.id() + ".jsonl");
      PairJsonl.write(file, rows);
      try {
        st.bytes = Files.size(file);
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
      stats.add(st);
      out.add(new SplitSummary(split, file, st.rows, st.bytes));
    }
    writeText(
        dir.resolve("README.md"),
        DatasetCard.render(world, seed, plan.strength(), stats, MAX_BYTES));
    StringBuilder ignore = new StringBuilder("# Generated: files over 8 MB, regenerate them.\n");
    stats.stream()
        .filter(st -> st.bytes > MAX_BYTES)
        .forEach(st -> ignore.append(st.split.id()).append(".jsonl\n"));
    writeText(dir.resolve(".gitignore"), ignore.toString());
    return out;
  }

  private static String key(PreferencePair p) {
    return p.prompt() + '\u0000' + p.chosen() + '\u0000' + p.rejected();
  }

  private static void writeText(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        w.write(text);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * {@code DatasetGenerator [datasetsDir] [seed]}; defaults {@code datasets} and the default seed.
   */
  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "datasets");
    long seed;
    try {
      seed = args.length > 1 ? Long.parseLong(args[1]) : DEFAULT_SEED;
    } catch (NumberFormatException e) {
      throw new ConfigException("seed must be an integer, was '" + args[1] + "'", e);
    }
    for (SplitSummary s : generateAll(dir, seed)) {
      System.out.printf("%s: %d rows, %d bytes%n", s.file(), s.rows(), s.bytes());
    }
  }
}
