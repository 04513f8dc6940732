package dev.squall.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.campaign.cli.CampaignCommands;
import dev.squall.campaign.run.ModelProvider;
import dev.squall.cli.SquallCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code squall run} in a child JVM with slow fake models, kills it with SIGKILL once some rows
 * are stored, then resumes in this JVM: no row lost or duplicated, rows stored before the kill
 * unchanged, and the model calls on resume are exactly the requests not yet in the call cache. Model
 * usage recorded before the kill is kept, and the resume adds its own.
 */
class ResumeAfterKillTest {
  @TempDir Path dir;

  @AfterEach
  void tearDown() {
    CampaignCommands.modelProvider = ModelProvider.local();
  }

  static long count(Path db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout=10000");
      try (ResultSet rs = s.executeQuery(sql)) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  static List<String> rows(Path db) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT stage, model, item_id, credit, score, detail FROM results ORDER BY 1, 2, 3")) {
      while (rs.next()) {
        out.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getDouble(4) + "|"
            + rs.getDouble(5) + "|" + rs.getString(6));
      }
    }
    return out;
  }

  @Test
  void aKilledRunResumesWithoutLosingDuplicatingOrRepeatingAnything() throws Exception {
    int items = 60;
    ObjectNode c = Campaigns.campaign(FakeModels.folder(dir, "oracle"), FakeModels.folder(dir, "flipper"), items, false);
    c.put("batch_size", 4);
    Path file = Campaigns.write(dir, "c.json", c);
    Path run = dir.resolve("reports/run");
    Path store = run.resolve("run.sqlite");
    Path cache = dir.resolve("reports/.cache.sqlite");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), FakeCampaignMain.class.getName(),
            "60", "run", file.toString(), "--out", run.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile())
            .start();
    long total = 2L * 2 * items; // models x splits x items
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    long seen = 0;
    while (System.nanoTime() < deadline && child.isAlive()) {
      if (Files.exists(store)) {
        try {
          seen = count(store, "SELECT COUNT(*) FROM results");
        } catch (SQLException notYet) {
          seen = 0;
        }
        if (seen >= 40) {
          break;
        }
      }
      Thread.sleep(20);
    }
    assertTrue(child.isAlive(), "the child finished or died before it could be killed: " + Files.readString(dir.resolve("child.log")));
    child.destroyForcibly();
    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    assertEquals(137, child.exitValue(), "killed by SIGKILL");

    List<String> before = rows(store);
    long cachedBefore = count(cache, "SELECT COUNT(*) FROM calls");
    assertTrue(before.size() >= 40 && before.size() < total, "rows before the kill: " + before.size());
    assertEquals("running", metaStatus(store));
    // the killed session kept the usage it recorded: flushed after each batch, behind the cache by at most one batch
    String usedInSession1 = "SELECT COALESCE(SUM(requests), 0) FROM usage WHERE session = 1";
    long used1 = count(store, usedInSession1);
    assertTrue(used1 > 0 && used1 <= cachedBefore && cachedBefore - used1 <= 2 * 4,
        "usage recorded before the kill: " + used1 + " requests; calls cached: " + cachedBefore);
    assertTrue(count(store, "SELECT COALESCE(SUM(prompt_tokens), 0) FROM usage WHERE session = 1") > 0);

    FakeModels.CALLS.set(0);
    CampaignCommands.modelProvider = FakeModels.provider(0);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SquallCli.run(new PrintWriter(out), new PrintWriter(err), "run", "--resume", run.toString(), "--quiet");
    assertEquals(3, code, err.toString() + out); // "cloud" is the flipper: ~80% accuracy misses the 0.8 lower-bound gate
    List<String> after = rows(store);
    assertEquals(total, after.size(), "every item x model x stage once");
    assertEquals(total, count(store, "SELECT COUNT(DISTINCT stage || '|' || model || '|' || item_id) FROM results"));
    assertTrue(after.containsAll(before), "rows stored before the kill are kept unchanged");
    long cachedAfter = count(cache, "SELECT COUNT(*) FROM calls");
    assertEquals(cachedAfter - cachedBefore, FakeModels.CALLS.get(),
        "model calls on resume = requests not yet cached");
    assertTrue(FakeModels.CALLS.get() < 2 * total, "resume did not redo everything");
    assertEquals(2 * total, cachedAfter, "each of the 2 requests per item x model was called exactly once overall");
    assertEquals("complete", metaStatus(store));
    // the resume added its own usage and left the killed session's as it was
    assertEquals(used1, count(store, usedInSession1));
    assertEquals(FakeModels.CALLS.get(), count(store, "SELECT SUM(requests) FROM usage WHERE session = 2"));
    var summary = Campaigns.JSON.readTree(run.resolve("summary.json").toFile());
    long summed = 0;
    for (var m : summary.at("/usage/models")) {
      summed += m.get("requests").asLong();
    }
    assertEquals(used1 + FakeModels.CALLS.get(), summed, "summary usage = killed session + resume");
    // a second resume has nothing to do and calls no model
    FakeModels.CALLS.set(0);
    SquallCli.run(new PrintWriter(out), new PrintWriter(err), "run", "--resume", run.toString(), "--quiet");
    assertEquals(0, FakeModels.CALLS.get());
    assertEquals(after, rows(store));
  }

  static String metaStatus(Path db) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = 'status'")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
