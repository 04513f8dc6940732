package dev.squall.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.attack.AttackResult;
import dev.squall.attack.AttackResultJson;
import dev.squall.attack.AttackedText;
import dev.squall.attack.Edit;
import dev.squall.attack.ModelScores;
import dev.squall.eval.bon.BestOfN;
import dev.squall.eval.bon.BestOfNCurve;
import dev.squall.eval.bon.GaoFit;
import dev.squall.eval.metrics.MarginChange;
import dev.squall.eval.metrics.MetricValue;
import dev.squall.eval.ood.OodReport;
import dev.squall.eval.robustness.AttackSummary;
import dev.squall.eval.robustness.FamilySummary;
import dev.squall.eval.robustness.ModelComparison;
import dev.squall.eval.robustness.RobustnessReport;
import dev.squall.rm.RewardModelKind;
import dev.squall.stats.Estimate;
import dev.squall.stats.Interval;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders a {@link ReportInput} as one self-contained HTML file: CSS, script and SVG charts inline,
 * no network. A Content-Security-Policy allows only the page's own two scripts (by hash), inline
 * styles and data: images. Every text from data is escaped for its context; the examples are inline
 * JSON rendered into the DOM with {@code textContent} only.
 *
 * <pre>{@code
 * try (Writer w = Files.newBufferedWriter(path)) {
 *   HtmlReport.render(ReportInput.empty().withRobustness(r).withOod(o).withProvenance(p), w);
 * }
 * }</pre>
 */
public final class HtmlReport {
  /** Texts (responses, critiques) longer than this are cut in the examples browser. */
  public static final int MAX_TEXT = 2000;

  static final String CSP_BASE =
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; script-src ";

  private HtmlReport() {}

  /** Renders with the default example sampler. */
  public static void render(ReportInput in, Writer out) throws IOException {
    render(in, out, new ExampleSampler());
  }

  /** Renders, streaming {@code in.rows()} once through {@code sampler}. */
  public static void render(ReportInput in, Writer out, ExampleSampler sampler) throws IOException {
    for (AttackResult r : in.rows()) {
      sampler.accept(r);
    }
    Map<String, String> familyOf = new LinkedHashMap<>();
    Map<String, RewardModelKind> kinds = new LinkedHashMap<>();
    RobustnessReport rob = in.robustness();
    if (rob != null) {
      for (AttackSummary a : rob.attacks()) {
        familyOf.putIfAbsent(a.attack(), a.family());
        kinds.putIfAbsent(a.model(), a.kind());
      }
    }
    if (in.ood() != null) {
      for (OodReport.ModelResult m : in.ood().models()) {
        kinds.putIfAbsent(m.model(), m.kind());
      }
    }
    List<AttackResult> sample = sampler.sample();
    for (AttackResult r : sample) {
      for (ModelScores m : r.models()) {
        kinds.putIfAbsent(m.model(), m.kind());
      }
    }
    Map<String, String> colors = colors(kinds);

    String guard = GUARD_JS;
    String main = MAIN_JS;
    String csp = CSP_BASE + "'" + sha256(guard) + "' '" + sha256(main) + "'";
    out.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
    out.write("<meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\">\n"); // constant + base64 hashes: nothing to escape
    out.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.write("<title>" + Html.text(in.title()) + "</title>\n<style>" + CSS + "</style>\n");
    out.write("<script>" + guard + "</script>\n</head>\n<body>\n");
    out.write("<header><h1>" + Html.text(in.title()) + "</h1><nav>"
        + "<a href=\"#verdict\">Verdict</a><a href=\"#asr\">Attack success</a><a href=\"#ood\">OOD</a>"
        + "<a href=\"#bon\">Best-of-N</a><a href=\"#margins\">Margins</a><a href=\"#examples\">Examples</a>"
        + "<a href=\"#usage\">Usage</a><a href=\"#provenance\">Provenance</a></nav></header>\n<main>\n");
    out.write(verdict(rob, in.ood()));
    out.write(asr(rob, colors));
    out.write(ood(in.ood(), colors));
    out.write(bon(in.bestOfN()));
    out.write(margins(rob, colors));
    out.write(examplesSection(sampler));
    out.write(UsageSection.render(in.usage()));
    out.write(provenance(in.provenance()));
    out.write("</main>\n<div id=\"squall-status\" hidden></div>\n");
    out.write("<script type=\"application/json\" id=\"squall-data\">");
    out.write(Html.scriptJson(examplesJson(sample, familyOf, colors)));
    out.write("</script>\n<script>" + main + "</script>\n</body></html>\n");
    out.flush();
  }

  // ---------------------------------------------------------------- sections

  private static String verdict(RobustnessReport rob, OodReport ood) {
    StringBuilder b = new StringBuilder("<section id=\"verdict\"><h2>Verdict: classic versus CLoud</h2>\n");
    boolean any = false;
    if (rob != null && !rob.comparisons().isEmpty()) {
      any = true;
      int cloud = 0;
      int classic = 0;
      int unclear = 0;
      List<String> cloudWins = new ArrayList<>();
      List<String> classicWins = new ArrayList<>();
      for (ModelComparison c : rob.comparisons()) {
        double d = c.asrDifference().value();
        if (c.significant() && d < 0) {
          cloud++;
          cloudWins.add(c.attack());
        } else if (c.significant() && d > 0) {
          classic++;
          classicWins.add(c.attack());
        } else {
          unclear++;
        }
      }
      b.append("<p class=\"headline\">Against ").append(rob.comparisons().size()).append(" attacks, <b class=\"cloud\">CLoud is more robust on ")
          .append(cloud).append("</b>").append(cloudWins.isEmpty() ? "" : " (" + Html.text(String.join(", ", cloudWins)) + ")")
          .append(", <b class=\"classic\">classic is more robust on ").append(classic).append("</b>")
          .append(classicWins.isEmpty() ? "" : " (" + Html.text(String.join(", ", classicWins)) + ")")
          .append(", and there is no significant difference on ").append(unclear)
          .append(". Significance: exact McNemar on the items both models ranked correctly before the attack, Holm-adjusted across attacks.</p>\n");
      Map<String, AttackSummary> byKey = new LinkedHashMap<>();
      for (AttackSummary a : rob.attacks()) {
        byKey.putIfAbsent(a.attack() + "\u0000" + a.kind(), a);
      }
      b.append("<table class=\"num\"><thead><tr><th>Attack</th><th>Family</th><th>Items</th><th>ASR classic</th><th>ASR CLoud</th>"
          + "<th>CLoud − classic [CI]</th><th>McNemar b/c</th><th>p</th><th>Holm p</th><th>Verdict</th></tr></thead><tbody>\n");
      List<Svg.Row> rows = new ArrayList<>();
      double lo = 0;
      double hi = 0;
      for (ModelComparison c : rob.comparisons()) {
        AttackSummary cl = byKey.get(c.attack() + "\u0000" + RewardModelKind.CLASSIC);
        AttackSummary cu = byKey.get(c.attack() + "\u0000" + RewardModelKind.CLOUD);
        Estimate e = c.asrDifference();
        String v = c.significant() ? (e.value() < 0 ? "<span class=\"cloud\">CLoud more robust</span>" : "<span class=\"classic\">classic more robust</span>")
            : "no significant difference";
        b.append("<tr><td>").append(Html.text(c.attack())).append("</td><td>").append(Html.text(c.family())).append("</td><td>").append(c.items())
            .append("</td><td>").append(mv(cl == null ? null : cl.attackSuccessRate())).append("</td><td>").append(mv(cu == null ? null : cu.attackSuccessRate()))
            .append("</td><td>").append(est(e)).append("</td><td>").append(c.mcnemar().b()).append(" / ").append(c.mcnemar().c())
            .append("</td><td>").append(p(c.mcnemar().pValue())).append("</td><td>").append(p(c.holmAdjustedP())).append("</td><td>").append(v).append("</td></tr>\n");
        rows.add(new Svg.Row(c.attack(), List.of(new Svg.Pt(0, e.value(), e.interval().lower(), e.interval().upper()))));
        lo = Math.min(lo, e.interval().lower());
        hi = Math.max(hi, e.interval().upper());
      }
      b.append("</tbody></table>\n");
      double m = Math.max(Math.abs(lo), Math.abs(hi)) * 1.05 + 1e-9;
      b.append(Svg.dotWhisker("ASR difference, CLoud − classic (left of 0: CLoud more robust)", "difference in attack success rate",
          List.of(new Svg.Series("CLoud − classic", "#000000")), rows, -m, m, 0.0));
    }
    if (ood != null && !ood.gapDifferences().isEmpty()) {
      any = true;
      b.append("<p class=\"headline\">Out of distribution: ");
      List<String> parts = new ArrayList<>();
      for (OodReport.GapDifference g : ood.gapDifferences()) {
        Interval ci = g.differenceInGap().interval();
        String who = ci.upper() < 0 ? "<b class=\"cloud\">CLoud generalises better</b>" : ci.lower() > 0 ? "<b class=\"classic\">classic generalises better</b>" : "no clear difference";
        parts.add("on " + Html.text(g.split().toString()) + " " + who + " (difference in gap " + est(g.differenceInGap()) + ")");
      }
      b.append(String.join("; ", parts)).append(".</p>\n");
    }
    if (!any) {
      b.append("<p class=\"none\">No classic-versus-CLoud comparison in this run.</p>");
    }
    return b.append("</section>\n").toString();
  }

  private static String asr(RobustnessReport rob, Map<String, String> colors) {
    StringBuilder b = new StringBuilder("<section id=\"asr\"><h2>Attack success rate</h2>\n");
    if (rob == null || rob.attacks().isEmpty()) {
      return b.append("<p class=\"none\">No attacks in this run.</p></section>\n").toString();
    }
    List<String> models = new ArrayList<>(new LinkedHashSet<>(rob.attacks().stream().map(AttackSummary::model).toList()));
    List<Svg.Series> series = models.stream().map(m -> new Svg.Series(m, colors.getOrDefault(m, "#000"))).toList();
    Map<String, List<Svg.Pt>> fam = new LinkedHashMap<>();
    for (FamilySummary f : rob.families()) {
      MetricValue v = f.attackSuccessRate();
      if (v != null) {
        fam.computeIfAbsent(f.family(), k -> new ArrayList<>()).add(new Svg.Pt(models.indexOf(f.model()) < 0 ? 0 : models.indexOf(f.model()), v.value(), v.interval().lower(), v.interval().upper()));
      }
    }
    List<Svg.Row> famRows = fam.entrySet().stream().map(e -> new Svg.Row(e.getKey(), e.getValue())).toList();
    b.append("<p>Attack success rate: share of pairs ranked correctly before the attack that the attack flipped; dots are point estimates, bars ")
        .append("their intervals (Wilson). Family figures pool trials and are a rough guide; per-attack figures are primary.</p>\n");
    b.append("<div class=\"charts\">");
    b.append(Svg.dotWhisker("ASR per attack family", "attack success rate", series, famRows, 0, 1, null));
    Map<String, List<Svg.Pt>> att = new LinkedHashMap<>();
    for (AttackSummary a : rob.attacks()) {
      MetricValue v = a.attackSuccessRate();
      List<Svg.Pt> l = att.computeIfAbsent(a.attack() + " (" + a.family() + ")", k -> new ArrayList<>());
      if (v != null) {
        l.add(new Svg.Pt(models.indexOf(a.model()), v.value(), v.interval().lower(), v.interval().upper()));
      }
    }
    b.append(Svg.dotWhisker("ASR per attack", "attack success rate", series,
        att.entrySet().stream().map(e -> new Svg.Row(e.getKey(), e.getValue())).toList(), 0, 1, null));
    b.append("</div>\n<table class=\"num\"><thead><tr><th>Attack</th><th>Family</th><th>Model</th><th>Items</th><th>ASR [CI]</th>"
        + "<th>Accuracy drop [CI]</th><th>Statuses</th><th>Critique effects</th><th>Queries</th></tr></thead><tbody>\n");
    for (AttackSummary a : rob.attacks()) {
      b.append("<tr><td>").append(Html.text(a.attack())).append("</td><td>").append(Html.text(a.family())).append("</td><td>")
          .append(swatch(colors, a.model())).append(Html.text(a.model())).append("</td><td>").append(a.items()).append("</td><td>")
          .append(mv(a.attackSuccessRate())).append("</td><td>").append(mv(a.accuracyDrop())).append("</td><td>")
          .append(Html.text(counts(a.statuses()))).append("</td><td>").append(Html.text(counts(a.critiqueEffects()))).append("</td><td>")
          .append(a.queries()).append("</td></tr>\n");
    }
    return b.append("</tbody></table></section>\n").toString();
  }

  private static String ood(OodReport ood, Map<String, String> colors) {
    StringBuilder b = new StringBuilder("<section id=\"ood\"><h2>Out-of-distribution accuracy</h2>\n");
    if (ood == null) {
      return b.append("<p class=\"none\">No OOD evaluation in this run.</p></section>\n").toString();
    }
    List<String> models = ood.models().stream().map(OodReport.ModelResult::model).toList();
    List<Svg.Series> series = models.stream().map(m -> new Svg.Series(m, colors.getOrDefault(m, "#000"))).toList();
    Map<String, List<Svg.Pt>> acc = new LinkedHashMap<>();
    Map<String, List<Svg.Pt>> gaps = new LinkedHashMap<>();
    double glo = 0;
    double ghi = 0;
    for (int i = 0; i < ood.models().size(); i++) {
      OodReport.ModelResult m = ood.models().get(i);
      for (OodReport.SplitResult s : m.splits()) {
        acc.computeIfAbsent(s.split().toString(), k -> new ArrayList<>())
            .add(new Svg.Pt(i, s.accuracy().value(), s.accuracy().interval().lower(), s.accuracy().interval().upper()));
      }
      for (OodReport.SplitGap g : m.gaps()) {
        Estimate e = g.gap();
        gaps.computeIfAbsent(g.split().toString(), k -> new ArrayList<>()).add(new Svg.Pt(i, e.value(), e.interval().lower(), e.interval().upper()));
        glo = Math.min(glo, e.interval().lower());
        ghi = Math.max(ghi, e.interval().upper());
      }
    }
    b.append("<p>Pairwise accuracy per split (Wilson intervals); gap = accuracy on TEST minus accuracy on the shifted split (positive = worse out of distribution).</p>\n<div class=\"charts\">");
    b.append(Svg.dotWhisker("Accuracy per split", "pairwise accuracy", series, rows(acc), 0, 1, 0.5));
    double gm = Math.max(Math.abs(glo), Math.abs(ghi)) * 1.05 + 1e-9;
    b.append(Svg.dotWhisker("Generalisation gap per shift", "accuracy gap (TEST − shift)", series, rows(gaps), -gm, gm, 0.0));
    b.append("</div>\n<table class=\"num\"><thead><tr><th>Model</th><th>Split</th><th>Accuracy [CI]</th><th>ECE</th><th>ECE drift</th></tr></thead><tbody>");
    for (OodReport.ModelResult m : ood.models()) {
      for (OodReport.SplitResult s : m.splits()) {
        b.append("<tr><td>").append(swatch(colors, m.model())).append(Html.text(m.model())).append("</td><td>").append(Html.text(s.split().toString()))
            .append("</td><td>").append(mv(s.accuracy())).append("</td><td>").append(num(s.ece())).append("</td><td>").append(num(s.eceDrift())).append("</td></tr>\n");
      }
    }
    b.append("</tbody></table>\n");
    if (!ood.gapDifferences().isEmpty()) {
      b.append("<h3>Difference in gap (CLoud gap − classic gap; negative: CLoud generalises better)</h3><table class=\"num\"><thead><tr><th>Split</th>"
          + "<th>Difference in gap [CI]</th><th>Accuracy difference [CI]</th><th>McNemar b/c</th><th>p</th><th>Holm p</th></tr></thead><tbody>");
      for (OodReport.GapDifference g : ood.gapDifferences()) {
        OodReport.SplitComparison c = ood.comparisons().stream().filter(x -> x.split() == g.split()).findFirst().orElse(null);
        b.append("<tr><td>").append(Html.text(g.split().toString())).append("</td><td>").append(est(g.differenceInGap())).append("</td><td>")
            .append(c == null ? "—" : est(c.accuracyDifference())).append("</td><td>")
            .append(c == null ? "—" : c.mcNemar().b() + " / " + c.mcNemar().c()).append("</td><td>")
            .append(c == null ? "—" : p(c.mcNemar().pValue())).append("</td><td>").append(c == null ? "—" : p(c.holmAdjustedP())).append("</td></tr>\n");
      }
      b.append("</tbody></table>\n");
    }
    return b.append("</section>\n").toString();
  }

  private static List<Svg.Row> rows(Map<String, List<Svg.Pt>> m) {
    return m.entrySet().stream().map(e -> new Svg.Row(e.getKey(), e.getValue())).toList();
  }

  private static double klOf(double n) {
    return Math.log(n) - (n - 1) / n;
  }

  private static String bon(Map<String, BestOfN.Result> all) {
    StringBuilder b = new StringBuilder("<section id=\"bon\"><h2>Best-of-N over-optimisation</h2>\n");
    if (all.isEmpty()) {
      return b.append("<p class=\"none\">No best-of-N run.</p></section>\n").toString();
    }
    b.append("<p>Mean proxy and gold reward of the proxy's pick among N candidates (bars: intervals over prompts). Dashed: Gao et al.'s fit "
        + "gold(N) = gold(N₀) + d(α − βd), d = √KL; the vertical line marks its peak when inside the measured range.</p>\n");
    for (Map.Entry<String, BestOfN.Result> e : all.entrySet()) {
      List<BestOfNCurve> c = e.getValue().curve().stream().sorted(java.util.Comparator.comparingInt(BestOfNCurve::n)).toList();
      GaoFit fit = e.getValue().goldFit();
      int k = c.size();
      double[] ns = new double[k];
      double[] kl = new double[k];
      double[] px = new double[k];
      double[] pl = new double[k];
      double[] ph = new double[k];
      double[] gx = new double[k];
      double[] gl = new double[k];
      double[] gh = new double[k];
      for (int i = 0; i < k; i++) {
        BestOfNCurve p = c.get(i);
        ns[i] = p.n();
        kl[i] = p.kl();
        px[i] = p.proxy().value();
        pl[i] = p.proxy().interval().lower();
        ph[i] = p.proxy().interval().upper();
        gx[i] = p.gold().value();
        gl[i] = p.gold().interval().lower();
        gh[i] = p.gold().interval().upper();
      }
      double base = c.get(0).gold().value();
      int grid = 60;
      double[] fn = new double[grid];
      double[] fk = new double[grid];
      double[] fy = new double[grid];
      double nmin = ns[0];
      double nmax = ns[k - 1];
      for (int i = 0; i < grid; i++) {
        fn[i] = nmin * Math.pow(nmax / nmin, i / (grid - 1.0));
        fk[i] = klOf(fn[i]);
        fy[i] = base + fit.predict(Math.sqrt(fk[i]));
      }
      double peakKl = fit.peakKl();
      double peakN = Double.NaN;
      if (Double.isFinite(peakKl)) {
        double lo = 1;
        double hi = 1e15;
        if (klOf(hi) >= peakKl) {
          for (int it = 0; it < 200; it++) {
            double mid = Math.sqrt(lo * hi);
            if (klOf(mid) < peakKl) {
              lo = mid;
            } else {
              hi = mid;
            }
          }
          peakN = hi;
        }
      }
      String label = e.getKey();
      List<Svg.Line> byN = List.of(
          new Svg.Line("proxy", "#0072B2", ns, px, pl, ph, false, true),
          new Svg.Line("gold", "#D55E00", ns, gx, gl, gh, false, true),
          new Svg.Line("gold fit", "#000000", fn, fy, null, null, true, false));
      List<Svg.Line> byKl = List.of(
          new Svg.Line("proxy", "#0072B2", kl, px, pl, ph, false, true),
          new Svg.Line("gold", "#D55E00", kl, gx, gl, gh, false, true),
          new Svg.Line("gold fit", "#000000", fk, fy, null, null, true, false));
      b.append("<h3>").append(Html.text(label)).append("</h3><div class=\"charts\">");
      b.append(Svg.lines("Reward vs N — " + label, "N (candidates, log scale)", "mean reward of pick", byN, true, peakN, "peak"));
      b.append(Svg.lines("Reward vs KL — " + label, "KL(best-of-N ‖ base), nats", "mean reward of pick", byKl, false, peakKl, "peak"));
      b.append("</div><p class=\"fit\">Fit: α = ").append(num(fit.alpha())).append(", β = ").append(num(fit.beta())).append(" over ").append(fit.points()).append(" points; ");
      if (Double.isFinite(peakKl)) {
        b.append("peak at KL = ").append(num(peakKl)).append(" nats (N ≈ ").append(Double.isFinite(peakN) ? num(peakN) : "beyond 10¹⁵")
            .append("), predicted gold gain at peak ").append(num(fit.peakReward()))
            .append(peakKl > kl[k - 1] ? " — beyond the largest N measured, so over-optimisation was not reached." : " — within the measured range: larger N over-optimises.")
            .append("</p>\n");
      } else {
        b.append(Html.text(noPeak(fit.alpha(), fit.beta()))).append("</p>\n");
      }
    }
    return b.append("</section>\n").toString();
  }

  /** What a Gao fit without a peak (β ≤ 0) says, which depends on the sign of α. */
  static String noPeak(double alpha, double beta) {
    if (alpha >= 0) {
      return "β ≤ 0: the fitted gold curve never turns down (no peak).";
    }
    if (beta == 0) {
      return "α < 0, β = 0: the fitted gold curve falls from the start and keeps falling (no peak):"
          + " selecting harder loses gold.";
    }
    return "α < 0, β < 0: the fitted gold curve falls from the start and bottoms out at KL = "
        + num(Math.pow(alpha / (2 * beta), 2)) + " nats (no peak): selecting harder loses gold"
        + " first.";
  }

  private static String margins(RobustnessReport rob, Map<String, String> colors) {
    StringBuilder b = new StringBuilder("<section id=\"margins\"><h2>Margin-change distributions</h2>\n");
    if (rob == null || rob.attacks().isEmpty()) {
      return b.append("<p class=\"none\">No attacks in this run.</p></section>\n").toString();
    }
    List<String> models = new ArrayList<>(new LinkedHashSet<>(rob.attacks().stream().map(AttackSummary::model).toList()));
    List<Svg.Series> series = models.stream().map(m -> new Svg.Series(m, colors.getOrDefault(m, "#000"))).toList();
    List<Svg.Box> boxes = new ArrayList<>();
    for (AttackSummary a : rob.attacks()) {
      MarginChange m = a.marginChange();
      if (m != null) {
        boxes.add(new Svg.Box(a.attack() + " · " + a.model(), models.indexOf(a.model()), m.min(), m.q10(), m.q25(), m.median(), m.q75(), m.q90(), m.max()));
      }
    }
    b.append("<p>Δ = (r⁺′ − r⁻′) − (r⁺ − r⁻) per pair: box = quartiles, black bar = median, whiskers = 10th–90th percentile, circles = min and max. "
        + "Left of 0: the attack narrowed the margin.</p>\n");
    b.append(Svg.boxes("Margin change per attack and model", "margin change Δ", series, boxes));
    b.append("<table class=\"num\"><thead><tr><th>Attack</th><th>Model</th><th>Mean Δ [CI]</th><th>Median</th><th>q10</th><th>q90</th></tr></thead><tbody>");
    for (AttackSummary a : rob.attacks()) {
      MarginChange m = a.marginChange();
      if (m != null) {
        b.append("<tr><td>").append(Html.text(a.attack())).append("</td><td>").append(swatch(colors, a.model())).append(Html.text(a.model())).append("</td><td>")
            .append(mv(m.mean())).append("</td><td>").append(num(m.median())).append("</td><td>").append(num(m.q10())).append("</td><td>").append(num(m.q90())).append("</td></tr>\n");
      }
    }
    return b.append("</tbody></table></section>\n").toString();
  }

  private static String examplesSection(ExampleSampler sampler) {
    return "<section id=\"examples\"><h2>Worst examples</h2>\n<p class=\"rule\">" + Html.text(sampler.describe()) + "</p>\n"
        + "<div class=\"controls\"><label>Family <select id=\"f-family\"></select></label> <label>Model <select id=\"f-model\"></select></label> "
        + "<label>Status <select id=\"f-status\"></select></label> <span id=\"ex-count\"></span></div>\n"
        + "<div class=\"exwrap\"><table id=\"ex-table\" class=\"num ex\"><thead><tr><th data-k=\"attack\">Attack</th><th data-k=\"family\">Family</th><th data-k=\"model\">Model</th>"
        + "<th data-k=\"status\">Status</th><th data-k=\"rb\">Reward before</th><th data-k=\"ra\">Reward after</th><th data-k=\"gain\">Gain ▼</th>"
        + "<th data-k=\"item\">Item</th></tr></thead><tbody></tbody></table></div>\n<div id=\"ex-detail\"></div>\n</section>\n";
  }

  private static String provenance(ReportInput.Provenance p) {
    StringBuilder b = new StringBuilder("<section id=\"provenance\"><h2>Provenance</h2>\n");
    Map<String, String> versions = p == null || p.versions().isEmpty() ? safeVersions() : p.versions();
    b.append("<table class=\"kv\"><tbody>");
    if (p != null) {
      if (p.startedAt() != null) {
        kv(b, "started", p.startedAt().toString());
      }
      if (p.runTime() != null) {
        java.time.Duration d = p.runTime();
        kv(b, "run time", (d.toHours() > 0 ? d.toHours() + " h " : "") + (d.toMinutesPart() > 0 || d.toHours() > 0 ? d.toMinutesPart() + " min " : "")
            + d.toSecondsPart() + " s");
      }
      p.seeds().forEach((k, v) -> kv(b, "seed: " + k, String.valueOf(v)));
      p.modelHashes().forEach((k, v) -> kv(b, "model: " + k, v));
      p.datasetHashes().forEach((k, v) -> kv(b, "dataset: " + k, v));
    }
    versions.forEach((k, v) -> kv(b, "version: " + k, v));
    b.append("</tbody></table>\n");
    if (p != null && !p.campaignConfigJson().isEmpty()) {
      b.append("<details><summary>Campaign config</summary><pre>").append(Html.text(p.campaignConfigJson())).append("</pre></details>\n");
    }
    return b.append("</section>\n").toString();
  }

  private static Map<String, String> safeVersions() {
    try {
      return dev.squall.Versions.all();
    } catch (RuntimeException | LinkageError e) {
      return Map.of("squall", dev.squall.Versions.squall());
    }
  }

  private static void kv(StringBuilder b, String k, String v) {
    b.append("<tr><th>").append(Html.text(k)).append("</th><td><code>").append(Html.text(v)).append("</code></td></tr>");
  }

  // ---------------------------------------------------------------- examples JSON

  static String examplesJson(List<AttackResult> sample, Map<String, String> familyOf, Map<String, String> colors) {
    ObjectMapper om = new ObjectMapper();
    ObjectNode root = om.createObjectNode();
    ObjectNode col = root.putObject("colors");
    colors.forEach(col::put);
    ArrayNode ex = root.putArray("examples");
    for (AttackResult r : sample) {
      ObjectNode o = ex.addObject();
      o.put("item", r.itemId());
      o.put("attack", r.attack());
      o.put("family", familyOf.getOrDefault(r.attack(), "?"));
      o.put("model", ExampleSampler.targetModel(r));
      o.put("status", r.status().id());
      o.put("reason", AttackResultJson.reason(r.status()));
      double g = ExampleSampler.gain(r);
      putNum(o, "gain", g);
      if (!r.models().isEmpty()) {
        putNum(o, "rb", r.models().get(0).rewardBefore());
        putNum(o, "ra", r.models().get(0).rewardAfter());
      }
      o.put("original", cut(r.original()));
      AttackedText a = r.adversarial();
      String adv = cut(a.text());
      o.put("adv", adv);
      ArrayNode spans = o.putArray("spans");
      for (AttackedText.Span s : a.changedSpans()) {
        if (s.start() <= adv.length()) {
          spans.addArray().add(s.start()).add(Math.min(s.end(), adv.length()));
        }
      }
      ArrayNode edits = o.putArray("edits");
      for (Edit e : a.edits().subList(0, Math.min(a.edits().size(), 50))) {
        edits.addObject().put("kind", e.kind()).put("before", cut(e.before(), 200)).put("after", cut(e.after(), 200));
      }
      ArrayNode ms = o.putArray("models");
      for (ModelScores m : r.models()) {
        ObjectNode mo = ms.addObject();
        mo.put("model", m.model());
        mo.put("kind", m.kind().toString());
        mo.put("target", m.target());
        putNum(mo, "rb", m.rewardBefore());
        putNum(mo, "ra", m.rewardAfter());
        mo.put("cb", cut(m.critiqueBefore()));
        mo.put("ca", cut(m.critiqueAfter()));
        mo.put("effect", m.critiqueEffect().toString());
      }
    }
    try {
      return om.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void putNum(ObjectNode o, String k, double v) {
    if (Double.isFinite(v)) {
      o.put(k, v);
    } else {
      o.putNull(k);
    }
  }

  static String cut(String s) {
    return cut(s, MAX_TEXT);
  }

  static String cut(String s, int n) {
    if (s.length() <= n) {
      return s;
    }
    int end = n;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  // ---------------------------------------------------------------- formatting

  private static Map<String, String> colors(Map<String, RewardModelKind> kinds) {
    Map<String, String> out = new LinkedHashMap<>();
    Set<String> used = new LinkedHashSet<>();
    for (Map.Entry<String, RewardModelKind> e : kinds.entrySet()) {
      String c = null;
      if (e.getValue() == RewardModelKind.CLASSIC && used.add(Svg.PALETTE[0])) {
        c = Svg.PALETTE[0];
      } else if (e.getValue() == RewardModelKind.CLOUD && used.add(Svg.PALETTE[1])) {
        c = Svg.PALETTE[1];
      }
      out.put(e.getKey(), c);
    }
    int i = 2;
    for (Map.Entry<String, String> e : out.entrySet()) {
      if (e.getValue() == null) {
        e.setValue(Svg.PALETTE[i++ % Svg.PALETTE.length]);
      }
    }
    return out;
  }

  private static String swatch(Map<String, String> colors, String model) {
    return "<span class=\"sw\" style=\"background:" + colors.getOrDefault(model, "#000") + "\"></span>";
  }

  private static String counts(Map<String, Integer> m) {
    StringBuilder b = new StringBuilder();
    new java.util.TreeMap<>(m).forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
    return b.toString();
  }

  static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "—";
  }

  static String p(double v) {
    if (!Double.isFinite(v)) {
      return "—";
    }
    return v < 0.001 ? "&lt;0.001" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String mv(MetricValue v) {
    if (v == null) {
      return "—";
    }
    return num(v.value()) + " <span class=\"ci\">[" + num(v.interval().lower()) + ", " + num(v.interval().upper()) + "] n=" + v.n() + "</span>";
  }

  private static String est(Estimate e) {
    return num(e.value()) + " <span class=\"ci\">[" + num(e.interval().lower()) + ", " + num(e.interval().upper()) + "]</span>";
  }

  static String sha256(String script) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- static assets

  static final String CSS =
      "body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#111;background:#fff}"
          + "header{position:sticky;top:0;background:#f5f5f5;border-bottom:1px solid #ccc;padding:6px 16px;z-index:2}"
          + "header h1{font-size:18px;margin:0 0 4px}nav a{margin-right:14px;color:#0072B2}"
          + "main{padding:0 16px 40px;max-width:1400px}section{border-bottom:1px solid #ddd;padding:6px 0 16px}"
          + "h2{font-size:17px;margin:14px 0 6px}h3{font-size:15px}"
          + "td,th,.t,p,pre,code,text{unicode-bidi:isolate}"
          + "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}"
          + "thead th{background:#f0f0f0}table.num td{font-variant-numeric:tabular-nums}.ci{color:#555;font-size:12px}"
          + ".cloud{color:#B34700}.classic{color:#005A8C}.headline{font-size:15px}.none{color:#777;font-style:italic}"
          + ".sw{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}"
          + ".charts{display:flex;flex-wrap:wrap;gap:16px}svg.chart{font:11px sans-serif;max-width:100%;height:auto}"
          + "svg .grid{stroke:#e3e3e3}svg .ref{stroke:#000;stroke-dasharray:3 3}svg .peak{stroke:#009E73;stroke-width:2;stroke-dasharray:4 3}"
          + "svg .band{fill:#f7f7f7}svg .frame{fill:none;stroke:#999}svg .ctitle{font-weight:bold;font-size:13px}svg .axis{font-size:12px}"
          + "table.ex th{cursor:pointer}table.ex tbody tr{cursor:pointer}table.ex tbody tr:hover{background:#fff6d6}table.ex tr.sel{background:#ffe9a8}"
          + ".pair{display:flex;gap:12px;flex-wrap:wrap}.pair>div{flex:1 1 420px;min-width:300px}"
          + ".t{white-space:pre-wrap;word-break:break-word;border:1px solid #ccc;background:#fafafa;padding:6px;max-height:320px;overflow:auto;font:13px/1.4 ui-monospace,monospace}"
          + "mark{background:#F0E442;outline:1px solid #E69F00}mark.del{background:#D55E00;padding:0 2px}"
          + ".ctl{background:#CC79A7;color:#fff;font-size:10px;border-radius:2px;padding:0 2px}"
          + ".exwrap{max-height:460px;overflow:auto;border:1px solid #ddd}.exwrap table{margin:0}.controls select{margin-right:8px}#ex-detail{margin-top:10px}.rule{color:#444;font-size:12px}";

  static final String GUARD_JS =
      "window.__squallErrors=[];"
          + "window.addEventListener('error',function(e){window.__squallErrors.push('error: '+e.message);});"
          + "document.addEventListener('securitypolicyviolation',function(e){window.__squallErrors.push('csp: '+e.violatedDirective);});";

  static final String MAIN_JS =
      "(function(){'use strict';\n"
          + "var data=JSON.parse(document.getElementById('squall-data').textContent);\n"
          + "var ex=data.examples;\n"
          + "function el(tag,cls,txt){var e=document.createElement(tag);if(cls)e.className=cls;if(txt!==undefined&&txt!==null)appendText(e,String(txt));return e;}\n"
          + "var CTL=/[\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F\\u061C]/g;\n"
          + "function appendText(p,s){var last=0,m;CTL.lastIndex=0;while((m=CTL.exec(s))!==null){if(m.index>last)p.appendChild(document.createTextNode(s.slice(last,m.index)));"
          + "var c=document.createElement('span');c.className='ctl';c.title='invisible direction control';c.textContent='U+'+m[0].charCodeAt(0).toString(16).toUpperCase();p.appendChild(c);last=m.index+1;}"
          + "if(last<s.length)p.appendChild(document.createTextNode(s.slice(last)));}\n"
          + "function fmt(v){return (v===null||v===undefined)?'\\u2014':Number(v).toFixed(3);}\n"
          + "function uniq(k){var s={};ex.forEach(function(e){s[e[k]]=1;});return Object.keys(s).sort();}\n"
          + "function fill(id,k){var sel=document.getElementById(id);var o=el('option',null,'all');o.value='';sel.appendChild(o);"
          + "uniq(k).forEach(function(v){var op=el('option',null,v);op.value=v;sel.appendChild(op);});sel.addEventListener('change',draw);}\n"
          + "fill('f-family','family');fill('f-model','model');fill('f-status','status');\n"
          + "var sortKey='gain',sortDir=-1;\n"
          + "Array.prototype.forEach.call(document.querySelectorAll('#ex-table th'),function(th){th.addEventListener('click',function(){var k=th.getAttribute('data-k');"
          + "if(k===sortKey){sortDir=-sortDir;}else{sortKey=k;sortDir=(k==='gain'||k==='ra'||k==='rb')?-1:1;}draw();});});\n"
          + "function cmp(a,b){var x=a[sortKey],y=b[sortKey];if(x===null||x===undefined)return 1;if(y===null||y===undefined)return -1;return (x<y?-1:x>y?1:0)*sortDir;}\n"
          + "var tbody=document.querySelector('#ex-table tbody');var LIMIT=400;\n"
          + "function draw(){var f=document.getElementById('f-family').value,m=document.getElementById('f-model').value,s=document.getElementById('f-status').value;"
          + "var rows=ex.filter(function(e){return (!f||e.family===f)&&(!m||e.model===m)&&(!s||e.status===s);});rows.sort(cmp);"
          + "while(tbody.firstChild)tbody.removeChild(tbody.firstChild);"
          + "rows.slice(0,LIMIT).forEach(function(e){var tr=document.createElement('tr');"
          + "[e.attack,e.family,e.model,e.status,fmt(e.rb),fmt(e.ra),fmt(e.gain),e.item].forEach(function(v){tr.appendChild(el('td',null,v));});"
          + "var sw=document.createElement('span');sw.className='sw';sw.style.background=data.colors[e.model]||'#000';tr.children[2].insertBefore(sw,tr.children[2].firstChild);"
          + "tr.addEventListener('click',function(){Array.prototype.forEach.call(tbody.children,function(r){r.classList.remove('sel');});tr.classList.add('sel');detail(e);});tbody.appendChild(tr);});"
          + "document.getElementById('ex-count').textContent=rows.length+' of '+ex.length+' kept examples'+(rows.length>LIMIT?' (first '+LIMIT+' shown)':'');"
          + "Array.prototype.forEach.call(document.querySelectorAll('#ex-table th'),function(th){var t=th.textContent.replace(/ [\\u25B2\\u25BC]$/,'');"
          + "th.textContent=t+(th.getAttribute('data-k')===sortKey?(sortDir<0?' \\u25BC':' \\u25B2'):'');});}\n"
          + "function marked(text,spans){var d=el('div','t');var pos=0;spans.forEach(function(sp){if(sp[0]>pos)appendText(d,text.slice(pos,sp[0]));"
          + "if(sp[1]>sp[0]){var mk=document.createElement('mark');appendText(mk,text.slice(sp[0],sp[1]));d.appendChild(mk);}"
          + "else{var del=el('mark','del','\\u2326');del.title='deleted text';d.appendChild(del);}pos=Math.max(pos,sp[1]);});"
          + "if(pos<text.length)appendText(d,text.slice(pos));return d;}\n"
          + "function detail(e){var box=document.getElementById('ex-detail');while(box.firstChild)box.removeChild(box.firstChild);"
          + "box.appendChild(el('h3',null,e.attack+' \\u00b7 '+e.model+' \\u00b7 '+e.status+(e.reason?' ('+e.reason+')':'')+' \\u00b7 item '+e.item));"
          + "var pair=el('div','pair');var a=el('div');a.appendChild(el('h4',null,'Original'));var o=el('div','t');appendText(o,e.original);a.appendChild(o);"
          + "var b=el('div');b.appendChild(el('h4',null,'Adversarial (edits highlighted)'));b.appendChild(marked(e.adv,e.spans));pair.appendChild(a);pair.appendChild(b);box.appendChild(pair);"
          + "if(e.edits.length){var ul=el('ul');e.edits.forEach(function(d){ul.appendChild(el('li',null,d.kind+': \\u201c'+d.before+'\\u201d \\u2192 \\u201c'+d.after+'\\u201d'));});"
          + "box.appendChild(el('h4',null,'Edits'));box.appendChild(ul);}"
          + "var t=el('table','num');var hr=document.createElement('tr');['Model','Kind','Role','Reward before','Reward after','Critique before','Critique after','Critique effect'].forEach(function(h){hr.appendChild(el('th',null,h));});"
          + "var th=document.createElement('thead');th.appendChild(hr);t.appendChild(th);var tb=document.createElement('tbody');"
          + "e.models.forEach(function(m){var tr=document.createElement('tr');[m.model,m.kind,m.target?'target':'transfer',fmt(m.rb),fmt(m.ra)].forEach(function(v){tr.appendChild(el('td',null,v));});"
          + "[m.cb,m.ca].forEach(function(c){var td=document.createElement('td');var d=el('div','t');appendText(d,c||'\\u2014');td.appendChild(d);tr.appendChild(td);});"
          + "tr.appendChild(el('td',null,m.effect));tb.appendChild(tr);});t.appendChild(tb);box.appendChild(t);}\n"
          + "draw();if(ex.length){var sorted=ex.slice().sort(function(a,b){return (b.gain===null?-1e300:b.gain)-(a.gain===null?-1e300:a.gain);});detail(sorted[0]);"
          + "if(tbody.firstChild)tbody.firstChild.classList.add('sel');}\n"
          + "window.addEventListener('load',function(){setTimeout(function(){var st=document.getElementById('squall-status');"
          + "st.setAttribute('data-errors',String(window.__squallErrors.length));st.textContent=window.__squallErrors.length?window.__squallErrors.join('; '):'squall-report-ready';},0);});\n"
          + "})();";
}
