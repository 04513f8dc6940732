package dev.squall.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.campaign.run.CampaignRunner;
import dev.squall.cli.SquallCli;
import dev.squall.model.hf.ModelLayout;
import dev.squall.rm.local.TinyModelFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The literal CLI main class ({@link SquallCli}) in a child JVM on tiny random classic and CLoud
 * model folders (real loading, real critique generation), killed with SIGKILL mid-run, then
 * resumed in this JVM through {@link CampaignRunner#resume}.
 */
@Tag("slow")
class ResumeRealCliKillTest {
  @TempDir Path dir;

  @Test
  void theRealCliResumesAfterKill9() throws Exception {
    Path classic = dir.resolve("classic-tiny");
    Path cloud = dir.resolve("cloud-tiny");
    TinyModelFolders.write(classic, ModelLayout.SEQUENCE_CLASSIFICATION, 1);
    TinyModelFolders.write(cloud, ModelLayout.CLOUD_TEACHER, 2);
    int items = 80;
    ObjectNode c = Campaigns.campaign(classic, cloud, items, false);
    c.put("batch_size", 4);
    ((ObjectNode) c.get("models").get(1)).put("max_critique_tokens", 24);
    Path file = Campaigns.write(dir, "c.json", c);
    Path run = dir.resolve("reports/run");
    Path store = run.resolve("run.sqlite");
    Path cache = dir.resolve("reports/.cache.sqlite");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(java, "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
            "-cp", System.getProperty("java.class.path"), SquallCli.class.getName(),
            "run", file.toString(), "--out", run.toString())
            .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    long total = 2L * 2 * items;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && child.isAlive()) {
      if (Files.exists(store)) {
        try {
          if (ResumeAfterKillTest.count(store, "SELECT COUNT(*) FROM results") >= 100) {
            break;
          }
        } catch (java.sql.SQLException notYet) {
          // the store is being created
        }
      }
      Thread.sleep(20);
    }
    assertTrue(child.isAlive(), "the child ended before the kill: " + Files.readString(dir.resolve("child.log")));
    child.destroyForcibly();
    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    List<String> before = ResumeAfterKillTest.rows(store);
    long cachedBefore = ResumeAfterKillTest.count(cache, "SELECT COUNT(*) FROM calls");
    assertTrue(before.size() >= 100 && before.size() < total, "rows before: " + before.size());

    CampaignRunner.Outcome o = CampaignRunner.resume(run, CampaignRunner.Options.defaults());
    List<String> after = ResumeAfterKillTest.rows(store);
    assertEquals(total, after.size());
    assertEquals(total, ResumeAfterKillTest.count(store,
        "SELECT COUNT(DISTINCT stage || '|' || model || '|' || item_id) FROM results"));
    assertTrue(after.containsAll(before));
    long cachedAfter = ResumeAfterKillTest.count(cache, "SELECT COUNT(*) FROM calls");
    assertEquals(cachedAfter - cachedBefore, o.modelCalls(), "model calls on resume = requests not yet cached");
    assertTrue(o.modelCalls() < cachedAfter);
  }
}
