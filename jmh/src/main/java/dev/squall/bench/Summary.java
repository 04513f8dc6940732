package dev.squall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.squall.model.llama.LlamaConfig;
import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints the derived figures of a JMH JSON result file ({@code -rf json -rff jmh/results.json}):
 *
 * <pre>
 *   java -cp jmh/target/benchmarks.jar dev.squall.bench.Summary jmh/results.json
 * </pre>
 *
 * All ratios are between benchmarks of the same file (same run, same machine load). Missing
 * benchmarks (e.g. excluded by a regex) are reported as "n/a".
 */
public final class Summary {
  /** benchmark short name ("Class.method" or "Class.method[param=value]") → seconds per op. */
  private final Map<String, Double> secondsPerOp = new LinkedHashMap<>();
  private final Map<String, Double> relError = new LinkedHashMap<>();
  /** benchmark short name → secondary metric (JMH aux counter) name → score. */
  private final Map<String, Map<String, Double>> secondary = new LinkedHashMap<>();

  private Summary(JsonNode root) {
    for (JsonNode r : root) {
      String name = r.get("benchmark").asText().replace("dev.squall.bench.", "");
      JsonNode params = r.get("params");
      if (params != null && params.size() > 0) {
        StringBuilder sb = new StringBuilder(name).append('[');
        params.properties().forEach(e -> sb.append(e.getKey()).append('=')
            .append(e.getValue().asText()).append(','));
        sb.setCharAt(sb.length() - 1, ']');
        name = sb.toString();
      }
      JsonNode pm = r.get("primaryMetric");
      double score = pm.get("score").asDouble();
      double err = pm.path("scoreError").asDouble(Double.NaN);
      secondsPerOp.put(name, score * unitSeconds(pm.get("scoreUnit").asText()));
      relError.put(name, Double.isFinite(err) && score > 0 ? err / score : Double.NaN);
      Map<String, Double> aux = new LinkedHashMap<>();
      r.path("secondaryMetrics").properties().forEach(e -> aux.put(e.getKey(), e.getValue().path("score").asDouble()));
      secondary.put(name, aux);
    }
  }

  private static double unitSeconds(String unit) {
    String u = unit.substring(0, unit.indexOf('/'));
    switch (u) {
      case "s": return 1;
      case "ms": return 1e-3;
      case "us": return 1e-6;
      case "ns": return 1e-9;
      default: throw new IllegalArgumentException("unsupported score unit " + unit
          + " (use an AverageTime/SingleShotTime mode)");
    }
  }

  private Double sec(String name) {
    return secondsPerOp.get(name);
  }

  private String err(String name) {
    Double e = relError.get(name);
    return e == null || e.isNaN() ? "" : String.format(" (±%.0f%%)", 100 * e);
  }

  private static String fmt(Double v, String format) {
    return v == null ? "n/a" : String.format(format, v);
  }

  private static Double div(Double a, Double b) {
    return a == null || b == null ? null : a / b;
  }

  public static void main(String[] args) throws IOException {
    String path = args.length > 0 ? args[0] : "jmh/results.json";
    JsonNode root = new ObjectMapper().readTree(new File(path));
    new Summary(root).print(path);
  }

  private void print(String path) {
    System.out.println("Squall JMH summary of " + path + " (ratios use figures from this file only)");
    System.out.println();

    // 1. roofline
    double matmulFlops = 2.0 * Math.pow(MatmulRoofline.N, 3);
    Double mm2 = gflops(matmulFlops, sec("MatmulRoofline.matmul2Threads"));
    Double mm1 = gflops(matmulFlops, sec("MatmulRoofline.matmul1Thread"));
    Double layer = gflops(MatmulRoofline.layerMatmulFlops(), sec("MatmulRoofline.layerMatmuls2Threads"));
    System.out.println("Matmul roofline (float32 1024x1024 · 1024x1024, 2·n³ FLOPs)");
    System.out.printf("  2 threads: %s GFLOP/s%s%n", fmt(mm2, "%.1f"), err("MatmulRoofline.matmul2Threads"));
    System.out.printf("  1 thread : %s GFLOP/s%s%n", fmt(mm1, "%.1f"), err("MatmulRoofline.matmul1Thread"));
    System.out.printf("  one layer's projections at 1024 rows (2 threads): %s GFLOP/s = %s of the roofline%n",
        fmt(layer, "%.1f"), pct(div(layer, mm2)));
    System.out.println();

    // 2. prefill
    System.out.printf("Prefill (scoring forward + last-column logits, %d tokens per row, 2 threads)%n",
        Prefill.TOKENS);
    Double best8 = null;
    for (int kv : new int[] {8, 4}) {
      LlamaConfig c = BenchModels.config(kv);
      System.out.printf("  kvHeads=%d  (parameterCount %,d; layer matmul params %,d)%n",
          kv, c.parameterCount(), BenchModels.layerMatmulParams(c));
      for (int b : new int[] {8, 1}) {
        String name = "Prefill.batch" + b + "[kvHeads=" + kv + "]";
        Double s = sec(name);
        Double tps = s == null ? null : 1.0 / s;
        double flopsPerToken = BenchModels.forwardFlops(c, b, Prefill.TOKENS) / (b * (double) Prefill.TOKENS);
        Double gf = tps == null ? null : tps * flopsPerToken / 1e9;
        System.out.printf("    batch %d: %s tokens/s%s, %s GFLOP/s (%.1f MFLOP/token) = %s of matmul roofline%n",
            b, fmt(tps, "%,.0f"), err(name), fmt(gf, "%.1f"), flopsPerToken / 1e6, pct(div(gf, mm2)));
        if (b == 8 && gf != null && (best8 == null || gf > best8)) {
          best8 = gf;
        }
      }
    }
    // Time decomposition: Prefill.batch8[kvHeads=8] runs exactly LAYERS × the four projections
    // timed by layerMatmuls2Threads (same 1024-row shapes), so the remainder is attention, norms,
    // RoPE, SiLU, slicing/transposes and per-op overhead.
    Double fwd = sec("Prefill.batch8[kvHeads=8]");
    Double proj = sec("MatmulRoofline.layerMatmuls2Threads");
    if (fwd != null && proj != null) {
      double forward = fwd * 8 * Prefill.TOKENS;
      double projections = proj * BenchModels.LAYERS;
      System.out.printf("  batch 8, kvHeads=8: forward %.0f ms, of which the %d layers' projection matmuls"
          + " (timed alone) %.0f ms = %s; everything else %.0f ms%n", forward * 1e3, BenchModels.LAYERS,
          projections * 1e3, pct(projections / forward), (forward - projections) * 1e3);
    }
    Double frac = div(best8, mm2);
    System.out.printf("  => prefill at batch 8 reaches >= 50%% of the matmul GFLOP/s: %s (%s)%n",
        frac == null ? "n/a" : (frac >= 0.5 ? "YES" : "NO"), pct(frac));
    System.out.println();

    // 3. decode
    System.out.printf("Decode (greedy, %d-token prompt, %d new tokens; tokens/s counts generated tokens)%n",
        Decode.PROMPT, Decode.NEW_TOKENS);
    String[][] rows = {
      {"2 threads", ""}, {"1 thread ", "OneThread"},
    };
    Double worst = null;
    for (String[] row : rows) {
      for (int b : new int[] {1, 8}) {
        String cName = "Decode.cachedBatch" + b + row[1];
        String rName = "Decode.recomputeBatch" + b + row[1];
        Double c = sec(cName);
        Double r = sec(rName);
        if (c == null && r == null) {
          continue;
        }
        Double sp = div(r, c);
        System.out.printf("  %s batch %d: cached %s tokens/s%s, recompute %s tokens/s%s, cached/recompute speed-up %s%n",
            row[0], b, fmt(c == null ? null : 1 / c, "%,.0f"), err(cName),
            fmt(r == null ? null : 1 / r, "%,.0f"), err(rName), fmt(sp, "%.1fx"));
        if (sp != null) {
          worst = worst == null ? sp : Math.min(worst, sp);
        }
      }
    }
    System.out.printf("  => cached decoding >= 5x faster than recomputing at %d new tokens: %s (worst measured %s)%n",
        Decode.NEW_TOKENS, worst == null ? "n/a" : (worst >= 5 ? "YES" : "NO"), fmt(worst, "%.1fx"));
    System.out.println();

    // 4. attack search overhead
    printSearchOverhead("SearchOverhead", "spin model, " + SearchOverhead.ITEMS + " items x "
        + SearchOverhead.BUDGET + " queries");
    printSearchOverhead("SearchOverheadEmbedded", "embedded classic organism, " + SearchOverheadEmbedded.ITEMS
        + " items x " + SearchOverheadEmbedded.BUDGET + " queries");

    // 5. critique-SFT step: micro-batches against one padded batch
    System.out.println("Critique-SFT step (organism shape, batch 32, forward + backward, 2 threads)");
    String sft = "dev.squall.train.CritiqueSftStep.forwardBackward[microBatches=";
    Double one = secondsPerOp.get(sft + "1]");
    boolean any = false;
    for (String k : List.of("1", "2", "4", "8")) {
      Double t = secondsPerOp.get(sft + k + "]");
      if (t != null) {
        any = true;
        System.out.printf("  microBatches %s: %,.0f examples/s%s, speed-up over one padded batch %s%n",
            k, 1 / t, err(sft + k + "]"), one == null ? "n/a" : String.format("%.2fx", one / t));
      }
    }
    if (!any) {
      System.out.println("  n/a");
    }
  }

  /**
   * Per search method: queries per op (aux counters queries / invocations), search and raw-scoring
   * queries/s, and the overhead against the model time measured inside the search (aux modelNanos)
   * and against the replayed model-only time (rawScoring).
   */
  private void printSearchOverhead(String bench, String what) {
    System.out.println("Attack search overhead (" + bench + ": " + what + ")");
    boolean any = false;
    Double worst = null;
    for (String m : SearchWorkload.METHODS) {
      String sName = runName(bench + ".search", m);
      String rName = runName(bench + ".rawScoring", m);
      Double wall = sName == null ? null : sec(sName);
      Double raw = rName == null ? null : sec(rName);
      if (wall == null) {
        continue;
      }
      any = true;
      Map<String, Double> aux = secondary.get(sName);
      double calls = aux.getOrDefault("invocations", Double.NaN);
      double queries = aux.getOrDefault("queries", Double.NaN) / calls;
      double model = aux.getOrDefault("modelNanos", Double.NaN) / calls / 1e9;
      double clockOverhead = (wall - model) / model;
      Double replayOverhead = raw == null ? null : (wall - raw) / raw;
      System.out.printf("  %-16s %5.0f queries/op: search %,8.0f queries/s%s, raw scoring %s queries/s%s;"
              + " overhead %s (model time inside search), %s (replay)%n",
          m, queries, queries / wall, err(sName), fmt(raw == null ? null : queries / raw, "%,8.0f"),
          rName == null ? "" : err(rName), pct1(clockOverhead), pct1(replayOverhead));
      worst = worst == null ? clockOverhead : Math.max(worst, clockOverhead);
    }
    if (!any) {
      System.out.println("  n/a");
    } else {
      System.out.printf("  => search overhead <= 10%% of model time for every method: %s (worst %s)%n",
          worst <= 0.10 ? "YES" : "NO", pct1(worst));
    }
    System.out.println();
  }

  /** The result name of {@code bench} run with parameter {@code method=<method>}, or null. */
  private String runName(String bench, String method) {
    for (String k : secondary.keySet()) {
      if (k.startsWith(bench + "[") && k.endsWith("]")
          && java.util.Arrays.asList(k.substring(bench.length() + 1, k.length() - 1).split(","))
              .contains("method=" + method)) {
        return k;
      }
    }
    return null;
  }

  private static String pct1(Double f) {
    return f == null ? "n/a" : String.format("%.1f%%", 100 * f);
  }

  private static Double gflops(double flops, Double seconds) {
    return seconds == null ? null : flops / seconds / 1e9;
  }

  private static String pct(Double f) {
    return f == null ? "n/a" : String.format("%.0f%%", 100 * f);
  }
}
