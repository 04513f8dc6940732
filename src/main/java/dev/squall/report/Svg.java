package dev.squall.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Hand-built inline SVG charts (no dependency, no script): dot-and-whisker, box and line charts. */
final class Svg {
  private Svg() {}

  /** Okabe–Ito colour-blind-safe palette (black omitted; used for axes). */
  static final String[] PALETTE = {
    "#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#F0E442"
  };

  record Series(String name, String color) {}

  /** One value with an interval of one series in one row; NaN value = absent. */
  record Pt(int series, double value, double lo, double hi) {}

  record Row(String label, List<Pt> pts) {}

  /** Box-plot row: whiskers q10–q90, box q25–q75, median, min/max ticks. */
  record Box(String label, int series, double min, double q10, double q25, double med, double q75, double q90, double max) {}

  record Line(String name, String color, double[] x, double[] y, double[] lo, double[] hi, boolean dashed, boolean markers) {}

  static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static double[] niceTicks(double lo, double hi) {
    double span = hi - lo;
    if (!(span > 0)) {
      return new double[] {lo};
    }
    double step = Math.pow(10, Math.floor(Math.log10(span / 5)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (span / (step * m) <= 6) {
        step *= m;
        break;
      }
    }
    List<Double> t = new ArrayList<>();
    for (double v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
      t.add(Math.abs(v) < step * 1e-9 ? 0 : v);
    }
    return t.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static String tick(double v) {
    String s = String.format(Locale.ROOT, "%.3g", v);
    if (s.contains("e")) {
      return s;
    }
    if (s.contains(".")) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s;
  }

  private static void legend(StringBuilder b, List<Series> series, int x, int y) {
    int cx = x;
    for (Series s : series) {
      b.append("<rect x=\"").append(cx).append("\" y=\"").append(y - 9).append("\" width=\"12\" height=\"12\" fill=\"")
          .append(s.color()).append("\"/>");
      b.append("<text x=\"").append(cx + 16).append("\" y=\"").append(y + 2).append("\">")
          .append(Html.text(s.name())).append("</text>");
      cx += 30 + Math.min(200, 7 * s.name().length());
    }
  }

  private static void xAxis(StringBuilder b, double[] ticks, java.util.function.DoubleUnaryOperator sx, int y0, int y1, String xLabel, int cx, boolean log) {
    for (double t : ticks) {
      double x = sx.applyAsDouble(t);
      b.append("<line class=\"grid\" x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"").append(y0)
          .append("\" y2=\"").append(y1).append("\"/>");
      b.append("<text class=\"tick\" text-anchor=\"middle\" x=\"").append(f(x)).append("\" y=\"").append(y1 + 14).append("\">")
          .append(log ? tick(Math.pow(2, t)) : tick(t)).append("</text>");
    }
    b.append("<text class=\"axis\" text-anchor=\"middle\" x=\"").append(cx).append("\" y=\"").append(y1 + 32).append("\">")
        .append(Html.text(xLabel)).append("</text>");
  }

  /** Horizontal dot-and-whisker chart: one row per label, one dot + interval per series. */
  static String dotWhisker(String title, String xLabel, List<Series> series, List<Row> rows, double xmin, double xmax, Double ref) {
    if (rows.isEmpty()) {
      return "";
    }
    int labelW = 230;
    int plotW = 520;
    int per = 12;
    int rowH = Math.max(22, per * series.size() + 8);
    int top = 44;
    int h = top + rowH * rows.size() + 44;
    int w = labelW + plotW + 20;
    java.util.function.DoubleUnaryOperator sx = v -> labelW + (Math.max(xmin, Math.min(xmax, v)) - xmin) / (xmax - xmin) * plotW;
    StringBuilder b = new StringBuilder();
    b.append("<svg class=\"chart\" role=\"img\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\" width=\"").append(w)
        .append("\" height=\"").append(h).append("\"><title>").append(Html.text(title)).append("</title>");
    b.append("<text class=\"ctitle\" x=\"4\" y=\"14\">").append(Html.text(title)).append("</text>");
    legend(b, series, labelW, 34);
    int y1 = top + rowH * rows.size();
    xAxis(b, niceTicks(xmin, xmax), sx, top, y1, xLabel, labelW + plotW / 2, false);
    if (ref != null) {
      double x = sx.applyAsDouble(ref);
      b.append("<line class=\"ref\" x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"").append(top)
          .append("\" y2=\"").append(y1).append("\"/>");
    }
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      int ry = top + i * rowH;
      if (i % 2 == 1) {
        b.append("<rect class=\"band\" x=\"0\" y=\"").append(ry).append("\" width=\"").append(w).append("\" height=\"").append(rowH).append("\"/>");
      }
      b.append("<text class=\"rlabel\" text-anchor=\"end\" x=\"").append(labelW - 8).append("\" y=\"").append(ry + rowH / 2 + 4)
          .append("\">").append(Html.text(clip(r.label(), 34))).append("</text>");
      for (Pt p : r.pts()) {
        if (!Double.isFinite(p.value())) {
          continue;
        }
        double cy = ry + 4 + per / 2.0 + p.series() * per + (rowH - 8 - per * series.size()) / 2.0;
        String c = series.get(p.series()).color();
        b.append("<g><title>").append(Html.text(series.get(p.series()).name() + " — " + r.label() + ": "
            + tick(p.value()) + " [" + tick(p.lo()) + ", " + tick(p.hi()) + "]")).append("</title>");
        if (Double.isFinite(p.lo()) && Double.isFinite(p.hi())) {
          b.append("<line stroke=\"").append(c).append("\" stroke-width=\"2\" x1=\"").append(f(sx.applyAsDouble(p.lo())))
              .append("\" x2=\"").append(f(sx.applyAsDouble(p.hi()))).append("\" y1=\"").append(f(cy)).append("\" y2=\"").append(f(cy)).append("\"/>");
        }
        b.append("<circle r=\"4\" fill=\"").append(c).append("\" cx=\"").append(f(sx.applyAsDouble(p.value()))).append("\" cy=\"")
            .append(f(cy)).append("\"/></g>");
      }
    }
    b.append("</svg>");
    return b.toString();
  }

  /** Horizontal box plots (one per row). */
  static String boxes(String title, String xLabel, List<Series> series, List<Box> rows) {
    if (rows.isEmpty()) {
      return "";
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Box x : rows) {
      lo = Math.min(lo, Math.min(x.min(), 0));
      hi = Math.max(hi, Math.max(x.max(), 0));
    }
    if (!(hi > lo)) {
      hi = lo + 1;
    }
    double pad = (hi - lo) * 0.04;
    double xmin = lo - pad;
    double xmax = hi + pad;
    int labelW = 230;
    int plotW = 520;
    int rowH = 24;
    int top = 44;
    int h = top + rowH * rows.size() + 44;
    int w = labelW + plotW + 20;
    java.util.function.DoubleUnaryOperator sx = v -> labelW + (v - xmin) / (xmax - xmin) * plotW;
    StringBuilder b = new StringBuilder();
    b.append("<svg class=\"chart\" role=\"img\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\" width=\"").append(w)
        .append("\" height=\"").append(h).append("\"><title>").append(Html.text(title)).append("</title>");
    b.append("<text class=\"ctitle\" x=\"4\" y=\"14\">").append(Html.text(title)).append("</text>");
    legend(b, series, labelW, 34);
    int y1 = top + rowH * rows.size();
    xAxis(b, niceTicks(xmin, xmax), sx, top, y1, xLabel, labelW + plotW / 2, false);
    double z = sx.applyAsDouble(0);
    b.append("<line class=\"ref\" x1=\"").append(f(z)).append("\" x2=\"").append(f(z)).append("\" y1=\"").append(top).append("\" y2=\"").append(y1).append("\"/>");
    for (int i = 0; i < rows.size(); i++) {
      Box x = rows.get(i);
      int ry = top + i * rowH;
      double cy = ry + rowH / 2.0;
      String c = series.get(x.series()).color();
      b.append("<text class=\"rlabel\" text-anchor=\"end\" x=\"").append(labelW - 8).append("\" y=\"").append(f(cy + 4)).append("\">")
          .append(Html.text(clip(x.label(), 34))).append("</text>");
      b.append("<g><title>").append(Html.text(x.label() + ": min " + tick(x.min()) + ", q10 " + tick(x.q10()) + ", q25 " + tick(x.q25())
          + ", median " + tick(x.med()) + ", q75 " + tick(x.q75()) + ", q90 " + tick(x.q90()) + ", max " + tick(x.max()))).append("</title>");
      b.append("<line stroke=\"").append(c).append("\" stroke-width=\"1.5\" x1=\"").append(f(sx.applyAsDouble(x.q10()))).append("\" x2=\"")
          .append(f(sx.applyAsDouble(x.q90()))).append("\" y1=\"").append(f(cy)).append("\" y2=\"").append(f(cy)).append("\"/>");
      b.append("<rect fill=\"").append(c).append("\" fill-opacity=\"0.35\" stroke=\"").append(c).append("\" x=\"").append(f(sx.applyAsDouble(x.q25())))
          .append("\" y=\"").append(f(cy - 7)).append("\" width=\"").append(f(Math.max(1, sx.applyAsDouble(x.q75()) - sx.applyAsDouble(x.q25()))))
          .append("\" height=\"14\"/>");
      double m = sx.applyAsDouble(x.med());
      b.append("<line stroke=\"#000\" stroke-width=\"2\" x1=\"").append(f(m)).append("\" x2=\"").append(f(m)).append("\" y1=\"").append(f(cy - 7))
          .append("\" y2=\"").append(f(cy + 7)).append("\"/>");
      for (double e : new double[] {x.min(), x.max()}) {
        b.append("<circle r=\"2.5\" fill=\"none\" stroke=\"").append(c).append("\" cx=\"").append(f(sx.applyAsDouble(e))).append("\" cy=\"").append(f(cy)).append("\"/>");
      }
      b.append("</g>");
    }
    b.append("</svg>");
    return b.toString();
  }

  /** A line chart; {@code log2X} plots x on a log₂ axis. {@code vline} marks an x (NaN = none). */
  static String lines(String title, String xLabel, String yLabel, List<Line> lines, boolean log2X, double vline, String vlineLabel) {
    double xmin = Double.POSITIVE_INFINITY;
    double xmax = Double.NEGATIVE_INFINITY;
    double ymin = Double.POSITIVE_INFINITY;
    double ymax = Double.NEGATIVE_INFINITY;
    java.util.function.DoubleUnaryOperator tx = log2X ? v -> Math.log(v) / Math.log(2) : v -> v;
    for (Line l : lines) {
      for (int i = 0; i < l.x().length; i++) {
        if (!Double.isFinite(l.y()[i])) {
          continue;
        }
        xmin = Math.min(xmin, tx.applyAsDouble(l.x()[i]));
        xmax = Math.max(xmax, tx.applyAsDouble(l.x()[i]));
        ymin = Math.min(ymin, l.lo() != null ? l.lo()[i] : l.y()[i]);
        ymax = Math.max(ymax, l.hi() != null ? l.hi()[i] : l.y()[i]);
      }
    }
    if (!(xmax > xmin)) {
      xmax = xmin + 1;
    }
    if (!(ymax > ymin)) {
      ymax = ymin + 1;
    }
    double yp = (ymax - ymin) * 0.06;
    final double x0 = xmin;
    final double x1 = xmax;
    final double y0 = ymin - yp;
    final double y1v = ymax + yp;
    int left = 70;
    int plotW = 440;
    int top = 44;
    int plotH = 260;
    int w = left + plotW + 20;
    int h = top + plotH + 46;
    java.util.function.DoubleUnaryOperator sx = v -> left + (v - x0) / (x1 - x0) * plotW;
    java.util.function.DoubleUnaryOperator sy = v -> top + plotH - (v - y0) / (y1v - y0) * plotH;
    StringBuilder b = new StringBuilder();
    b.append("<svg class=\"chart\" role=\"img\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\" width=\"").append(w)
        .append("\" height=\"").append(h).append("\"><title>").append(Html.text(title)).append("</title>");
    b.append("<text class=\"ctitle\" x=\"4\" y=\"14\">").append(Html.text(title)).append("</text>");
    legend(b, lines.stream().map(l -> new Series(l.name(), l.color())).toList(), left, 34);
    double[] xt = log2X ? niceTicks(Math.ceil(x0), Math.floor(x1)) : niceTicks(x0, x1);
    if (log2X) {
      List<Double> ints = new ArrayList<>();
      int stepE = Math.max(1, (int) Math.ceil((x1 - x0) / 8));
      for (double e = Math.ceil(x0); e <= x1 + 1e-9; e += stepE) {
        ints.add(e);
      }
      xt = ints.stream().mapToDouble(Double::doubleValue).toArray();
    }
    xAxis(b, xt, sx, top, top + plotH, xLabel, left + plotW / 2, log2X);
    for (double t : niceTicks(y0, y1v)) {
      double y = sy.applyAsDouble(t);
      b.append("<line class=\"grid\" x1=\"").append(left).append("\" x2=\"").append(left + plotW).append("\" y1=\"").append(f(y)).append("\" y2=\"").append(f(y)).append("\"/>");
      b.append("<text class=\"tick\" text-anchor=\"end\" x=\"").append(left - 4).append("\" y=\"").append(f(y + 4)).append("\">").append(tick(t)).append("</text>");
    }
    b.append("<text class=\"axis\" text-anchor=\"middle\" transform=\"translate(14 ").append(top + plotH / 2).append(") rotate(-90)\">")
        .append(Html.text(yLabel)).append("</text>");
    b.append("<rect class=\"frame\" x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"").append(plotW).append("\" height=\"").append(plotH).append("\"/>");
    if (Double.isFinite(vline)) {
      double tv = tx.applyAsDouble(vline);
      if (tv >= x0 && tv <= x1) {
        double x = sx.applyAsDouble(tv);
        b.append("<line class=\"peak\" x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"").append(top).append("\" y2=\"").append(top + plotH).append("\"/>");
        b.append("<text class=\"tick\" x=\"").append(f(x + 3)).append("\" y=\"").append(top + 12).append("\">").append(Html.text(vlineLabel)).append("</text>");
      }
    }
    for (Line l : lines) {
      StringBuilder pts = new StringBuilder();
      for (int i = 0; i < l.x().length; i++) {
        if (!Double.isFinite(l.y()[i])) {
          continue;
        }
        double x = sx.applyAsDouble(tx.applyAsDouble(l.x()[i]));
        double y = sy.applyAsDouble(Math.max(y0, Math.min(y1v, l.y()[i])));
        pts.append(f(x)).append(',').append(f(y)).append(' ');
        if (l.lo() != null) {
          b.append("<line stroke=\"").append(l.color()).append("\" x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"")
              .append(f(sy.applyAsDouble(l.lo()[i]))).append("\" y2=\"").append(f(sy.applyAsDouble(l.hi()[i]))).append("\"/>");
        }
        if (l.markers()) {
          b.append("<circle r=\"3.5\" fill=\"").append(l.color()).append("\" cx=\"").append(f(x)).append("\" cy=\"").append(f(y)).append("\"><title>")
              .append(Html.text(l.name() + " at " + tick(l.x()[i]) + ": " + tick(l.y()[i]))).append("</title></circle>");
        }
      }
      b.append("<polyline fill=\"none\" stroke=\"").append(l.color()).append("\" stroke-width=\"2\"").append(l.dashed() ? " stroke-dasharray=\"6 4\"" : "")
          .append(" points=\"").append(pts.toString().trim()).append("\"/>");
    }
    b.append("</svg>");
    return b.toString();
  }

  static String clip(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}
