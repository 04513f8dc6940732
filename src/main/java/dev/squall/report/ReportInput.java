package dev.squall.report;

import dev.squall.attack.AttackResult;
import dev.squall.eval.bon.BestOfN;
import dev.squall.eval.ood.OodReport;
import dev.squall.eval.robustness.RobustnessReport;
import dev.squall.rm.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything {@link HtmlReport#render} can show. Every part is optional (null = section says "not
 * run"); build with {@link #empty()} and the {@code with...} methods.
 *
 * @param robustness attack summaries, family summaries and classic-vs-CLoud comparisons; its
 *     {@code results()} are the example rows unless {@code results} is given
 * @param results per-item attack results, streamed once (e.g. read lazily from a JSONL file) so a
 *     run with 100,000 rows renders in bounded memory; null = use {@code robustness.results()}
 * @param ood the OOD evaluation
 * @param bestOfN best-of-N curves with their Gao fit, keyed by a label (e.g. the proxy model)
 * @param provenance campaign config, seeds, hashes, versions and run time
 * @param usage per model (in display order) its usage meters: tokens, requests and cost when
 *     priced; an empty list marks a model that reports no usage; an empty map = no usage recorded
 */
public record ReportInput(
    String title,
    RobustnessReport robustness,
    Iterable<AttackResult> results,
    OodReport ood,
    Map<String, BestOfN.Result> bestOfN,
    Provenance provenance,
    Map<String, List<Usage>> usage) {

  public ReportInput {
    title = title == null || title.isBlank() ? "Squall report" : title;
    bestOfN = bestOfN == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bestOfN));
    Map<String, List<Usage>> u = new LinkedHashMap<>();
    if (usage != null) {
      usage.forEach((k, v) -> u.put(k, List.copyOf(v)));
    }
    usage = java.util.Collections.unmodifiableMap(u);
  }

  public static ReportInput empty() {
    return new ReportInput(null, null, null, null, null, null, null);
  }

  public ReportInput withTitle(String t) {
    return new ReportInput(t, robustness, results, ood, bestOfN, provenance, usage);
  }

  public ReportInput withRobustness(RobustnessReport r) {
    return new ReportInput(title, r, results, ood, bestOfN, provenance, usage);
  }

  public ReportInput withResults(Iterable<AttackResult> rows) {
    return new ReportInput(title, robustness, rows, ood, bestOfN, provenance, usage);
  }

  public ReportInput withOod(OodReport o) {
    return new ReportInput(title, robustness, results, o, bestOfN, provenance, usage);
  }

  public ReportInput withBestOfN(String label, BestOfN.Result r) {
    Map<String, BestOfN.Result> m = new LinkedHashMap<>(bestOfN);
    m.put(label, r);
    return new ReportInput(title, robustness, results, ood, m, provenance, usage);
  }

  public ReportInput withProvenance(Provenance p) {
    return new ReportInput(title, robustness, results, ood, bestOfN, p, usage);
  }

  /** Per model, its usage meters (see {@link dev.squall.rm.Usage}); replaces any usage given before. */
  public ReportInput withUsage(Map<String, List<Usage>> u) {
    return new ReportInput(title, robustness, results, ood, bestOfN, provenance, u);
  }

  /** The rows to sample examples from: {@code results}, else the robustness report's. */
  Iterable<AttackResult> rows() {
    if (results != null) {
      return results;
    }
    return robustness == null ? java.util.List.of() : robustness.results();
  }

  /**
   * Where the numbers came from.
   *
   * @param campaignConfigJson the campaign config as JSON text (shown verbatim, escaped)
   * @param seeds named seeds (e.g. run, bootstrap)
   * @param modelHashes model name to content hash
   * @param datasetHashes dataset name to content hash
   * @param versions software versions, usually {@code dev.squall.Versions.all()}
   * @param startedAt when the run started (may be null)
   * @param runTime wall-clock duration (may be null)
   */
  public record Provenance(
      String campaignConfigJson,
      Map<String, Long> seeds,
      Map<String, String> modelHashes,
      Map<String, String> datasetHashes,
      Map<String, String> versions,
      Instant startedAt,
      Duration runTime) {
    public Provenance {
      campaignConfigJson = campaignConfigJson == null ? "" : campaignConfigJson;
      seeds = copy(seeds);
      modelHashes = copy(modelHashes);
      datasetHashes = copy(datasetHashes);
      versions = copy(versions);
    }

    private static <V> Map<String, V> copy(Map<String, V> m) {
      return m == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
  }
}
