package dev.squall.campaign.run;

import dev.squall.ConfigException;
import dev.squall.Seeds;

/**
 * Splits items into shards by a hash of the item id: shard {@code i} of {@code n} owns the items
 * whose {@code Seeds.derive(0, "shard", id)} is {@code i} modulo {@code n}. Deterministic and
 * independent of order, so shards can run apart (different machines) and be merged.
 */
public record Shards(int index, int count) {
  public static final Shards ALL = new Shards(0, 1);

  public Shards {
    if (count < 1 || index < 0 || index >= count) {
      throw new ConfigException("shard must be i/n with 0 <= i < n, got " + index + "/" + count);
    }
  }

  /** Parses {@code i/n}. */
  public static Shards parse(String s) {
    String[] p = s.split("/");
    try {
      if (p.length == 2) {
        return new Shards(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new ConfigException("--shard: found '" + s + "'; allowed: i/n with 0 <= i < n (e.g. 0/4)");
  }

  public boolean owns(String itemId) {
    return count == 1 || Math.floorMod(Seeds.derive(0, "shard", itemId), (long) count) == index;
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
