package dev.squall.attack;

import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves repeated (model, prompt, response, given critique) queries without calling the model.
 * Keys name the model by {@code ModelInfo.name} and {@code modelHash}. Misses of one call go to the
 * model in one {@code scoreAll} batch. Bounded: least recently used entries are evicted beyond
 * {@code capacity}. Thread-safe (all methods synchronized; the model call happens under the lock,
 * so a model is never called concurrently through one cache).
 */
public final class QueryCache {
  private record Key(String model, String hash, ScoringRequest request) {}

  private final LinkedHashMap<Key, RewardResult> map;
  private long hits;
  private long modelQueries;

  public QueryCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    }
    this.map =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, RewardResult> e) {
            return size() > capacity;
          }
        };
  }

  public QueryCache() {
    this(100_000);
  }

  /** Results of one {@link #score} call and how many requests were actually sent to the model. */
  public record Batch(List<RewardResult> results, int sent) {
    public Batch {
      results = List.copyOf(results);
    }
  }

  /** Results for {@code requests}, in order; only the distinct misses are sent to {@code model}. */
  public List<RewardResult> scoreAll(RewardModel model, List<ScoringRequest> requests) {
    return score(model, requests).results();
  }

  /** As {@link #scoreAll}, also saying how many requests reached the model. */
  public synchronized Batch score(RewardModel model, List<ScoringRequest> requests) {
    String name = model.info().name();
    String hash = model.info().modelHash();
    Map<Key, RewardResult> found = new HashMap<>();
    LinkedHashMap<Key, ScoringRequest> misses = new LinkedHashMap<>();
    for (ScoringRequest r : requests) {
      Key k = new Key(name, hash, r);
      RewardResult hit = map.get(k);
      if (hit != null) {
        found.put(k, hit);
        hits++;
      } else if (!found.containsKey(k)) {
        misses.put(k, r);
      }
    }
    if (!misses.isEmpty()) {
      List<Key> keys = new ArrayList<>(misses.keySet());
      List<RewardResult> got = model.scoreAll(new ArrayList<>(misses.values()));
      if (got.size() != keys.size()) {
        throw new IllegalStateException(
            "model " + name + " returned " + got.size() + " results for " + keys.size() + " requests");
      }
      modelQueries += keys.size();
      for (int i = 0; i < keys.size(); i++) {
        map.put(keys.get(i), got.get(i));
        found.put(keys.get(i), got.get(i));
      }
    }
    List<RewardResult> out = new ArrayList<>(requests.size());
    for (ScoringRequest r : requests) {
      out.add(found.get(new Key(name, hash, r)));
    }
    return new Batch(out, misses.size());
  }

  /** Requests answered from the cache so far. */
  public synchronized long hits() {
    return hits;
  }

  /** Requests sent to models through this cache so far. */
  public synchronized long modelQueries() {
    return modelQueries;
  }

  public synchronized int size() {
    return map.size();
  }
}
