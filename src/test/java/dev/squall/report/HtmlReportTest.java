package dev.squall.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.attack.AttackResult;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

  static String render(ReportInput in) throws Exception {
    StringWriter w = new StringWriter();
    HtmlReport.render(in, w);
    return w.toString();
  }

  @Test
  void containsEverySectionAndNoRemoteLoads() throws Exception {
    String html = render(ReportFixtures.input(false));
    for (String id : List.of("verdict", "asr", "ood", "bon", "margins", "examples", "usage", "provenance")) {
      assertTrue(html.contains("<section id=\"" + id + "\""), id);
    }
    assertTrue(html.contains("Content-Security-Policy"));
    assertTrue(html.contains("default-src 'none'"));
    assertFalse(html.contains("unsafe-eval"));
    assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "no remote loads");
    assertTrue(html.contains("<svg"));
    assertTrue(html.contains("sha256:3f1a9c0e"));
  }

  @Test
  void emptyInputRendersPlaceholders() throws Exception {
    String html = render(ReportInput.empty());
    assertTrue(html.contains("No attacks in this run"));
    assertTrue(html.contains("No best-of-N run"));
    assertTrue(html.contains("No model usage recorded"));
    assertTrue(html.contains("squall-data"));
  }

  @Test
  void usageTableHasARowPerModelAndTotalsForComposedModels() throws Exception {
    String html = render(ReportFixtures.input(false));
    String table = html.substring(html.indexOf("<table id=\"usage-table\""));
    table = table.substring(0, table.indexOf("</table>"));
    // classic: one local meter, no cost
    assertTrue(table.contains("<td>" + ReportFixtures.CLASSIC + "</td><td>local</td><td>local</td><td>480</td>"), table);
    assertTrue(table.contains("61,440") && table.contains("local (no cost)"));
    // CLoud: a total row (critiques priced, reward endpoint used no tokens, so the total is priced), then its meters
    assertTrue(table.contains("<td>" + ReportFixtures.CLOUD + "</td><td><b>total</b></td><td>remote</td><td>960</td><td>2</td><td>7</td>"
        + "<td>1,234,567</td><td>98,304</td><td><b>1,332,871</b></td><td><b>7.069800 USD</b></td>"), table);
    assertTrue(table.contains("<td></td><td>critiques</td>"));
    assertTrue(table.contains("<td></td><td>reward:score</td><td>remote</td><td>480</td><td>0</td><td>0</td><td>0</td><td>0</td>"
        + "<td>0</td><td>— (no prices set)</td>"), table);
    assertTrue(table.contains("<td>judge-gpt</td><td colspan=\"9\" class=\"none\">not metered"));
    assertTrue(html.contains("<a href=\"#usage\">Usage</a>"));
  }

  @Test
  void cspHashesMatchTheInlineScripts() throws Exception {
    String html = render(ReportFixtures.input(false));
    Matcher m = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(html);
    int n = 0;
    while (m.find()) {
      assertTrue(html.contains("'" + HtmlReport.sha256(m.group(1)) + "'"), "script hash in CSP");
      n++;
    }
    assertEquals(2, n, "exactly the two own scripts, no other executable script");
  }

  @Test
  void hostileTextIsEscapedInEveryContext() throws Exception {
    String html = render(ReportFixtures.input(true));
    // The only executable <script> elements are our own two (plus the JSON data block).
    Matcher m = Pattern.compile("<script", Pattern.CASE_INSENSITIVE).matcher(html);
    int scripts = 0;
    while (m.find()) {
      scripts++;
    }
    assertEquals(3, scripts);
    assertFalse(html.toLowerCase().contains("<img"));
    assertFalse(Pattern.compile("<[a-zA-Z][^<>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find(), "no event-handler attribute in any tag");
    assertTrue(html.contains("onerror=&quot;"), "payload shown as text");
    assertFalse(html.toLowerCase().contains("<svg onload"));
    assertFalse(html.contains("href=\"javascript:"));
    // The JSON block cannot be closed early and holds no raw line separators.
    int start = html.indexOf("<script type=\"application/json\" id=\"squall-data\">");
    int end = html.indexOf("</script>", start);
    String json = html.substring(start, end);
    assertFalse(json.substring(10).contains("<"));
    assertFalse(json.contains("\u2028"));
    assertFalse(json.contains("&"));
    assertTrue(json.contains("\\u003c/script\\u003e"));
    // The data survive the round trip.
    String raw = json.substring(json.indexOf('>') + 1);
    var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(raw);
    assertTrue(tree.get("examples").toString().contains("\\u003c/script\\u003e") || tree.toString().contains("</script>"));
    boolean found = false;
    for (var e : tree.get("examples")) {
      found |= e.get("original").asText().contains("</script><script>document.title='PWNED'</script>");
    }
    assertTrue(found, "hostile text preserved verbatim in the data");
  }

  @Test
  void escapingHelpers() {
    assertEquals("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;", Html.text("<a href=\"x\" onclick='y'>&"));
    assertEquals("\"\\u003c/script\\u003e\\u0026\\u2028\\u2029\"", Html.scriptJson("\"</script>&\u2028\u2029\""));
  }

  @Test
  void samplerAlwaysKeepsTheWorstPerAttackAndModel() {
    List<AttackResult> rows = ReportFixtures.rows(5000, false);
    ExampleSampler s = new ExampleSampler(3, 20, 100, 1);
    rows.forEach(s::accept);
    List<AttackResult> kept = s.sample();
    assertTrue(kept.size() <= 3 * 12 + 20);
    var groups = rows.stream().collect(java.util.stream.Collectors.groupingBy(r -> r.attack() + "|" + ExampleSampler.targetModel(r)));
    for (var g : groups.values()) {
      AttackResult worst = g.stream().max(java.util.Comparator.comparingDouble(ExampleSampler::gain)).orElseThrow();
      assertTrue(kept.contains(worst), "worst of group kept");
    }
    // Deterministic under the same seed.
    ExampleSampler s2 = new ExampleSampler(3, 20, 100, 1);
    rows.forEach(s2::accept);
    assertEquals(kept, s2.sample());
  }

  @Test
  void hundredThousandRowsStreamInBoundedMemoryAndStaySmall() throws Exception {
    long t0 = System.nanoTime();
    var in = ReportFixtures.input(false).withResults(ReportFixtures.stream(100_000));
    var counting = new java.io.Writer() {
      long chars;

      @Override
      public void write(char[] c, int off, int len) {
        chars += len;
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    HtmlReport.render(in, counting);
    double secs = (System.nanoTime() - t0) / 1e9;
    System.out.printf("100k rows: %d chars in %.2f s%n", counting.chars, secs);
    assertTrue(counting.chars < 1_000_000, "report small: " + counting.chars + " chars");
    assertTrue(secs < 20, "fast: " + secs + " s");
    String html = render(ReportFixtures.input(false).withResults(ReportFixtures.stream(100_000)));
    assertTrue(html.contains("over all 100000 rows"));
  }

  @Test
  void attackResultJsonRoundTripsHostileRows() throws Exception {
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    for (AttackResult r : ReportFixtures.rows(40, true)) {
      String json = dev.squall.attack.AttackResultJson.toJson(r, mapper).toString();
      assertEquals(r, dev.squall.attack.AttackResultJson.fromJson(mapper.readTree(json)));
    }
  }

  @Test
  void aFitWithoutPeakIsDescribedByTheSignOfAlpha() {
    assertTrue(HtmlReport.noPeak(0.4, -0.1).contains("never turns down"));
    // R(d) = d(-0.2 + 0.1 d) falls first, lowest at d = 1 (KL 1), so "never turns down" would be wrong
    String falling = HtmlReport.noPeak(-0.2, -0.1);
    assertTrue(falling.contains("falls from the start") && falling.contains("KL = 1.000"), falling);
    assertTrue(HtmlReport.noPeak(-0.2, 0).contains("keeps falling"));
  }
}
