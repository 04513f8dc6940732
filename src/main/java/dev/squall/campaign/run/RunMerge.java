package dev.squall.campaign.run;

import dev.squall.ConfigException;
import dev.squall.campaign.store.ResultRow;
import dev.squall.campaign.store.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges shard runs of one campaign into a new run directory: same campaign (by SHA-256), same
 * --max-items, distinct shards, same model and dataset hashes and (where sampled) the same
 * best-of-N policy; rows and stored candidates are unioned (unique on stage, model, item),
 * sessions' call counters and model usage summed into the merge session; then outputs are written.
 */
public final class RunMerge {
  private RunMerge() {}

  public static Reports.Result merge(List<Path> shardDirs, Path outDir) {
    if (shardDirs.size() < 1) {
      throw new ConfigException("merge needs at least one run directory");
    }
    if (Files.exists(outDir.resolve(RunStore.FILE))) {
      throw new ConfigException(outDir + " already holds a run");
    }
    List<RunStore> shards = new ArrayList<>();
    try {
      for (Path d : shardDirs) {
        shards.add(RunStore.openExisting(d));
      }
      Map<String, String> first = shards.get(0).meta();
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < shards.size(); i++) {
        Map<String, String> m = shards.get(i).meta();
        for (String k : List.of("campaign_sha256", "max_items_override", PolicyHandle.META_KEY)) {
          if (!java.util.Objects.equals(first.get(k), m.get(k)) && first.get(k) != null && m.get(k) != null) {
            throw new ConfigException(shardDirs.get(i) + ": " + k + " " + m.get(k) + " differs from "
                + shardDirs.get(0) + "'s " + first.get(k) + "; only shards of one campaign merge");
          }
        }
        if (!seen.add(m.get("shard"))) {
          throw new ConfigException(shardDirs.get(i) + ": shard " + m.get("shard") + " given twice");
        }
        if (!"complete".equals(m.get("status"))) { // running (killed) or incomplete (failed calls)
          throw new ConfigException(shardDirs.get(i) + " is not complete (status " + m.get("status")
              + "); resume it first");
        }
      }
      try (RunStore out = RunStore.open(outDir)) {
        Map<String, String> meta = new LinkedHashMap<>(first);
        meta.put("shard", "0/1");
        meta.put("merged_from", String.join(",", shardDirs.stream().map(p -> p.toAbsolutePath().toString()).toList()));
        meta.put("merged_shards", String.join(",", shards.stream().map(s -> s.meta("shard")).toList()));
        meta.put("created", java.time.Instant.now().toString());
        long session = out.startSession("merge " + meta.get("merged_from"));
        for (RunStore s : shards) {
          s.models().forEach(out::putModel);
          s.datasets().forEach(out::putDataset);
          List<ResultRow> buf = new ArrayList<>();
          s.forEachRow(r -> {
            buf.add(r);
            if (buf.size() >= 1000) {
              out.putRows(buf, session);
              buf.clear();
            }
          });
          out.putRows(buf, session);
          Map<String, Map<String, List<String>>> cands = new LinkedHashMap<>();
          s.forEachCandidates((stage, item, texts) -> cands.computeIfAbsent(stage, k -> new LinkedHashMap<>()).put(item, texts));
          cands.forEach(out::putCandidates);
          if (s.meta(PolicyHandle.META_KEY) != null) {
            out.putMeta(Map.of(PolicyHandle.META_KEY, s.meta(PolicyHandle.META_KEY)));
          }
          for (var ss : s.sessions()) {
            out.addCalls(session, ss.modelCalls(), ss.cacheHits());
          }
          for (RunStore.UsageRow u : s.usage()) {
            out.addUsage(session, u.model(), u.usage());
          }
        }
        out.finishSession(session);
        meta.put("status", "complete");
        meta.put("failed_items", "0");
        meta.put("finished", java.time.Instant.now().toString());
        out.putMeta(meta);
        return Reports.write(outDir, out);
      }
    } finally {
      for (RunStore s : shards) {
        s.close();
      }
    }
  }
}
