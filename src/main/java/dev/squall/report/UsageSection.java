package dev.squall.report;

import dev.squall.rm.Cost;
import dev.squall.rm.Usage;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's "Model usage" section ({@code id="usage"}): one table, a row per model, and for a
 * model with several meters (remote critiques plus a reward head) a total row followed by a row per
 * meter. Local meters say "local" instead of a cost; remote ones without prices say so. Every text
 * is escaped.
 */
final class UsageSection {
  private UsageSection() {}

  static String render(Map<String, List<Usage>> usage) {
    StringBuilder b = new StringBuilder("<section id=\"usage\"><h2>Model usage</h2>\n");
    if (usage.isEmpty()) {
      return b.append("<p class=\"none\">No model usage recorded in this run.</p></section>\n").toString();
    }
    b.append("<p>Calls that reached each model in this run (all sessions; answers from the call cache cost nothing). Remote: "
        + "requests, and tokens as the server reported them in <code>usage</code>; local: tokens the model read and generated. "
        + "Cost = prompt tokens × input price + completion tokens × output price (per 1M tokens), where prices are configured.</p>\n");
    b.append("<table id=\"usage-table\" class=\"num\"><thead><tr><th>Model</th><th>Meter</th><th>Where</th><th>Requests</th>"
        + "<th>Failed</th><th>Retries</th><th>Prompt tokens</th><th>Completion tokens</th><th>Total tokens</th><th>Cost</th>"
        + "</tr></thead><tbody>\n");
    for (Map.Entry<String, List<Usage>> e : usage.entrySet()) {
      List<Usage> meters = e.getValue();
      if (meters.isEmpty()) {
        b.append("<tr><td>").append(Html.text(e.getKey()))
            .append("</td><td colspan=\"9\" class=\"none\">not metered (the model reports no usage)</td></tr>\n");
        continue;
      }
      if (meters.size() == 1) {
        row(b, e.getKey(), meters.get(0), null);
        continue;
      }
      row(b, e.getKey(), Usage.total("total", meters), meters.stream().anyMatch(u -> u.cost().isPresent()));
      for (Usage u : meters) {
        row(b, "", u, null);
      }
    }
    return b.append("</tbody></table></section>\n").toString();
  }

  /** @param totalOfPriced null for a meter's row; for a total row, whether any of its meters is priced */
  private static void row(StringBuilder b, String model, Usage u, Boolean totalOfPriced) {
    boolean total = totalOfPriced != null;
    String open = total ? "<b>" : "";
    String close = total ? "</b>" : "";
    b.append("<tr><td>").append(Html.text(model)).append("</td><td>").append(open).append(Html.text(u.meter())).append(close)
        .append("</td><td>").append(u.remote() ? "remote" : "local").append("</td><td>").append(count(u.requests()))
        .append("</td><td>").append(count(u.failedCalls())).append("</td><td>").append(count(u.retries()))
        .append("</td><td>").append(count(u.promptTokens())).append("</td><td>").append(count(u.completionTokens()))
        .append("</td><td>").append(open).append(count(u.totalTokens())).append(close).append("</td><td>")
        .append(open).append(cost(u, totalOfPriced)).append(close).append("</td></tr>\n");
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String cost(Usage u, Boolean totalOfPriced) {
    if (u.cost().isPresent()) {
      Cost c = u.cost().get();
      return String.format(Locale.ROOT, "%.6f", c.amount()) + " " + Html.text(c.currency());
    }
    if (Boolean.TRUE.equals(totalOfPriced)) {
      return "— (not every meter that used tokens is priced in one currency)";
    }
    return u.remote() ? "— (no prices set)" : "local (no cost)";
  }
}
