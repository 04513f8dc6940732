package dev.squall.campaign.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.squall.SquallException;
import dev.squall.Versions;
import dev.squall.campaign.store.CallCache;
import dev.squall.rm.Critique;
import dev.squall.rm.CritiqueDecoding;
import dev.squall.rm.ModelInfo;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringProvenance;
import dev.squall.rm.ScoringRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Puts the call cache in front of a reward model: each request is looked up by (model hash,
 * decoding parameters and seed, prompt, response, given critique); only misses reach the model, in
 * one {@code scoreAll} batch, and are stored (committed) before the results are returned. Results
 * that are errors (a remote call that finally failed) are returned but never cached. Counts model
 * calls (requests the wrapped model scored), cache hits and errors.
 */
public final class CachingRewardModel implements RewardModel {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Called after every batch with the calls and hits it took (e.g. to persist the counters). */
  public interface Listener {
    void onBatch(long calls, long hits);
  }

  private final RewardModel inner;
  private final CallCache cache;
  private final String decodingKey;
  private final Optional<CritiqueDecoding> decoding;
  private final long maxCalls;
  private final Listener listener;
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();

  /**
   * @param decodingKey decoding parameters and seed as they enter the key
   * @param maxCalls budget of model calls (Long.MAX_VALUE = none); exceeding it fails the batch
   */
  public CachingRewardModel(
      RewardModel inner, CallCache cache, String decodingKey, Optional<CritiqueDecoding> decoding,
      long maxCalls, Listener listener) {
    this.inner = inner;
    this.cache = cache;
    this.decodingKey = decodingKey;
    this.decoding = decoding;
    this.maxCalls = maxCalls;
    this.listener = listener == null ? (c, h) -> {} : listener;
  }

  @Override
  public ModelInfo info() {
    return inner.info();
  }

  /** Requests sent to the wrapped model so far. */
  public long calls() {
    return calls.get();
  }

  /** Requests answered from the cache so far. */
  public long hits() {
    return hits.get();
  }

  /** Calls that came back as errors ({@link RewardResult#isError()}); they are not cached. */
  public long errors() {
    return errors.get();
  }

  /** The cache key of a request. */
  public String key(ScoringRequest r) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String part :
          new String[] {inner.info().modelHash(), decodingKey, r.prompt(), r.response(),
              r.givenCritique().map(c -> "1" + c).orElse("0")}) {
        byte[] b = part.getBytes(StandardCharsets.UTF_8);
        md.update(new byte[] {(byte) (b.length >>> 24), (byte) (b.length >>> 16), (byte) (b.length >>> 8), (byte) b.length});
        md.update(b);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public List<RewardResult> scoreAll(List<ScoringRequest> requests) {
    List<String> keys = new ArrayList<>(requests.size());
    for (ScoringRequest r : requests) {
      keys.add(key(r));
    }
    Map<String, CallCache.Entry> found = new LinkedHashMap<>(cache.getAll(keys));
    Map<String, ScoringRequest> missing = new LinkedHashMap<>();
    Map<String, RewardResult> failed = new LinkedHashMap<>();
    for (int i = 0; i < requests.size(); i++) {
      if (!found.containsKey(keys.get(i))) {
        missing.putIfAbsent(keys.get(i), requests.get(i));
      }
    }
    long batchHits = requests.size() - missing.size();
    if (!missing.isEmpty()) {
      if (calls.get() + missing.size() > maxCalls) {
        throw new SquallException(
            "model '" + info().name() + "' would exceed its budget of " + maxCalls + " model calls");
      }
      List<ScoringRequest> todo = new ArrayList<>(missing.values());
      List<RewardResult> got = inner.scoreAll(todo);
      if (got.size() != todo.size()) {
        throw new SquallException("model '" + info().name() + "' returned " + got.size()
            + " results for " + todo.size() + " requests");
      }
      Map<String, CallCache.Entry> fresh = new LinkedHashMap<>();
      int i = 0;
      for (String k : missing.keySet()) {
        RewardResult r = got.get(i++);
        if (r.isError()) {
          failed.put(k, r); // never cached: a resume or rerun asks again
        } else {
          fresh.put(k, new CallCache.Entry(r.reward(), critiquesJson(r.critiques())));
        }
      }
      cache.putAll(info().modelHash(), fresh);
      found.putAll(fresh);
      calls.addAndGet(todo.size());
      errors.addAndGet(failed.size());
    }
    hits.addAndGet(batchHits);
    listener.onBatch(missing.size(), batchHits);
    ScoringProvenance prov =
        new ScoringProvenance(info().name(), info().modelHash(), info().kind(), decoding, Versions.squall());
    List<RewardResult> out = new ArrayList<>(requests.size());
    for (String k : keys) {
      CallCache.Entry e = found.get(k);
      out.add(e == null ? failed.get(k) : new RewardResult(e.reward(), critiques(e.critiquesJson()), prov));
    }
    return out;
  }

  static String critiquesJson(List<Critique> critiques) {
    try {
      return JSON.writeValueAsString(critiques);
    } catch (Exception e) {
      throw new SquallException("cannot serialise critiques", e);
    }
  }

  static List<Critique> critiques(String json) {
    try {
      return JSON.readValue(json, new TypeReference<List<Critique>>() {});
    } catch (Exception e) {
      throw new SquallException("cannot read cached critiques", e);
    }
  }

  @Override
  public void close() {
    inner.close();
  }
}
