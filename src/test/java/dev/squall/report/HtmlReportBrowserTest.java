package dev.squall.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads generated reports in headless Chromium. The page writes "squall-report-ready" into
 * #squall-status on load, with the count of script errors and CSP violations it saw; a hostile
 * payload that ran would set the title to PWNED.
 */
@Tag("browser")
class HtmlReportBrowserTest {
  static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

  @BeforeAll
  static void needChromium() {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
        "skipped: /usr/bin/chromium is absent (install Debian's chromium package; .ci/run does)");
  }

  static String run(Path profile, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage",
        "--user-data-dir=" + profile));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("chromium", ".out");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium timed out");
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  static Path write(ReportInput in, Path file) throws Exception {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      HtmlReport.render(in, w);
    }
    return file;
  }

  @Test
  void hostileReportLoadsCleanlyAndRunsNoPayload(@TempDir Path tmp) throws Exception {
    Path html = write(ReportFixtures.input(true), tmp.resolve("hostile.html"));
    String dom = run(tmp.resolve("profile"), "--virtual-time-budget=3000", "--dump-dom", html.toUri().toString());
    assertTrue(dom.contains("squall-report-ready"), "page script completed without errors:\n" + statusOf(dom));
    assertTrue(dom.contains("data-errors=\"0\""), statusOf(dom));
    assertFalse(dom.contains("<title>PWNED"), "no payload ran");
    assertFalse(dom.contains("PWNED</title>"), "no payload ran");
    for (String id : List.of("verdict", "asr", "ood", "bon", "margins", "examples", "usage", "provenance")) {
      assertTrue(dom.contains("id=\"" + id + "\""), id);
    }
    assertTrue(dom.contains("id=\"usage-table\""), "the usage table is in the loaded page");
    // Example rows and the detail panel were rendered from the data, bidi controls made visible.
    assertTrue(dom.contains("<mark>"), "edits highlighted");
    assertTrue(dom.contains("class=\"ctl\""), "bidi override shown as a visible marker");
    assertFalse(dom.contains("<img src=\"x\""), "no element created from data");
    Path shot = Paths.get("target", "report-hostile.png").toAbsolutePath();
    run(tmp.resolve("profile2"), "--hide-scrollbars", "--window-size=1280,2000", "--screenshot=" + shot, html.toUri().toString());
    assertTrue(Files.size(shot) > 10_000);
  }

  @Test
  void realisticReportScreenshot(@TempDir Path tmp) throws Exception {
    Path html = write(ReportFixtures.input(false), Paths.get("target", "report-sample.html").toAbsolutePath());
    String dom = run(tmp.resolve("profile"), "--virtual-time-budget=3000", "--dump-dom", html.toUri().toString());
    assertTrue(dom.contains("squall-report-ready"), statusOf(dom));
    assertEquals(-1, dom.indexOf("PWNED"));
    // the usage table as the browser parsed it: per-model rows with the token counts and the cost
    int table = dom.indexOf("<table id=\"usage-table\"");
    assertTrue(table > 0, "usage table rendered");
    String usage = dom.substring(table, dom.indexOf("</table>", table));
    assertTrue(usage.contains(ReportFixtures.CLOUD) && usage.contains(ReportFixtures.CLASSIC), usage);
    assertTrue(usage.contains(String.format(java.util.Locale.ROOT, "%,d", ReportFixtures.REMOTE_PROMPT_TOKENS)), usage);
    assertTrue(usage.contains("7.069800 USD") && usage.contains("local (no cost)") && usage.contains("not metered"), usage);
    Path shot = Paths.get("target", "report-screenshot.png").toAbsolutePath();
    run(tmp.resolve("profile2"), "--hide-scrollbars", "--window-size=1280,2000", "--screenshot=" + shot, html.toUri().toString());
    assertTrue(Files.size(shot) > 10_000);
  }

  /** Control: the detector works — markup injected past the escaping is blocked by CSP and reported. */
  @Test
  void injectedHandlerIsBlockedAndDetected(@TempDir Path tmp) throws Exception {
    Path html = write(ReportFixtures.input(false), tmp.resolve("r.html"));
    String page = Files.readString(html).replace("</main>", "<img src=\"x\" onerror=\"document.title='PWNED'\"></main>");
    Files.writeString(html, page);
    String dom = run(tmp.resolve("profile"), "--virtual-time-budget=3000", "--dump-dom", html.toUri().toString());
    assertFalse(dom.contains("<title>PWNED"), "CSP blocked the inline handler");
    assertFalse(dom.contains("data-errors=\"0\""), "the violation was recorded: " + statusOf(dom));
  }

  static String statusOf(String dom) {
    int i = dom.indexOf("squall-status");
    return i < 0 ? "(no status element)" : dom.substring(i, Math.min(dom.length(), i + 400));
  }
}
