package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.squall.model.hf.ModelLayout;
import dev.squall.rm.local.TinyModelFolders;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SquallCliTest {
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SquallCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void helpAndVersionExitZero() {
    Run help = run("--help");
    assertEquals(0, help.code());
    assertTrue(help.out().contains("score") && help.out().contains("inspect"), help.out());
    Run version = run("--version");
    assertEquals(0, version.code());
    assertTrue(version.out().startsWith("squall "), version.out());
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(ExitCodes.USAGE, run("--no-such-option").code());
    assertEquals(ExitCodes.USAGE, run("score", "--prompt", "p").code());
    assertEquals(ExitCodes.USAGE, run("train", "--seed", "seven").code());
    assertTrue(run("train", "--help").out().contains("--seed"));
    Run weight = run("train", "--copy-weight", "0.5", "--out", tmp.resolve("never").toString());
    assertEquals(ExitCodes.USAGE, weight.code());
    assertTrue(weight.err().contains("--copy-weight must be >= 1"), weight.err());
    Run pairs = run("train", "--sft-pairs", "100", "--out", tmp.resolve("never").toString());
    assertEquals(ExitCodes.USAGE, pairs.code());
    assertTrue(pairs.err().contains("--sft-pairs must be >= the 4000 preference pairs"), pairs.err());
    Run lookup = run("train", "--list-critique", "marks", "--lookup-weight", "0.2", "--out", tmp.resolve("never").toString());
    assertEquals(ExitCodes.USAGE, lookup.code());
    assertTrue(lookup.err().contains("--lookup-weight needs --list-critique seen"), lookup.err());
    Run until = run("train", "--list-critique", "seen", "--lookup-weight", "0.5", "--lookup-from",
        "1500", "--lookup-until", "1000", "--out", tmp.resolve("never").toString());
    assertEquals(ExitCodes.USAGE, until.code());
    assertTrue(until.err().contains("--lookup-until must be 0 or after --lookup-from (1500)"), until.err());
        Run format = run("train", "--list-critique", "fancy", "--out", tmp.resolve("never").toString());
    assertEquals(ExitCodes.USAGE, format.code());
    assertTrue(format.err().contains("--list-critique must be marks or seen"), format.err());
    assertFalse(Files.exists(tmp.resolve("never")), "nothing trained or written");
    Run missing = run("score", "--model", tmp.resolve("nope").toString(), "--prompt", "p", "--response", "r");
    assertEquals(ExitCodes.USAGE, missing.code());
    assertTrue(missing.err().contains("nope"), missing.err());
  }

  @Test
  void scoreCloudPrintsJsonWithCritique() throws Exception {
    Path dir = tmp.resolve("cloud");
    TinyModelFolders.write(dir, ModelLayout.CLOUD_TEACHER, 1);
    Run r =
        run("score", "--model", dir.toString(), "--prompt", "What is 2 + 2?", "--response", "4",
            "--max-critique-tokens", "5", "--format", "json");
    assertEquals(0, r.code(), r.err());
    JsonNode n = new ObjectMapper().readTree(r.out());
    assertTrue(n.get("reward").isNumber());
    assertTrue(n.get("critique").isTextual());
    assertTrue(n.get("truncated").isBoolean());
    assertEquals("cloud", n.get("kind").asText());
    assertEquals(5, n.at("/provenance/decoding/maxTokens").asInt());
    // A given critique is scored as given.
    Run given =
        run("score", "--model", dir.toString(), "--prompt", "What is 2 + 2?", "--response", "4",
            "--critique", "Verdict: correct.", "--format", "json");
    assertEquals("Verdict: correct.", new ObjectMapper().readTree(given.out()).get("critique").asText());
    assertEquals(ExitCodes.USAGE, run("score", "--model", dir.toString(), "--prompt", "p", "--response", "r", "--critiques", "3").code());
  }

  @Test
  void inspectShowsLayoutHeadsAndDtypes() throws Exception {
    Path dir = tmp.resolve("seqcls");
    TinyModelFolders.write(dir, ModelLayout.SEQUENCE_CLASSIFICATION, 2);
    Run r = run("inspect", dir.toString(), "--format", "json");
    assertEquals(0, r.code(), r.err());
    JsonNode n = new ObjectMapper().readTree(r.out());
    assertEquals("SEQUENCE_CLASSIFICATION", n.get("layout").asText());
    assertEquals("score.weight (linear)", n.at("/heads/score").asText());
    assertTrue(n.at("/dtypes/F32").asLong() > 0);
    Files.writeString(dir.resolve("config.json"), "{not json");
    Run bad = run("inspect", dir.toString());
    assertEquals(ExitCodes.USAGE, bad.code());
    assertTrue(bad.err().contains("config.json"), bad.err());
  }

  @Test
  void trainOptionsMapOntoTheRecipe() {
    TrainCommand shipped = new TrainCommand();
    new picocli.CommandLine(shipped).parseArgs();
    assertEquals(dev.squall.train.RecipeConfig.defaults(), shipped.config());
    TrainCommand marks = new TrainCommand();
    new picocli.CommandLine(marks).parseArgs("--list-critique", "marks", "--seed", "5");
    dev.squall.train.RecipeConfig c = marks.config();
    assertEquals(dev.squall.world.ListWorld.CritiqueFormat.MARKS, c.listCritique());
    assertEquals(0.0, c.lookupWeight(), "the marks format alone turns the shipped lookup loss off");
    assertEquals(5, c.seed());
    TrainCommand window = new TrainCommand();
    new picocli.CommandLine(window).parseArgs("--lookup-until", "0");
    assertEquals(0, window.config().lookupUntil());
    assertEquals(1500, window.config().lookupFrom());
  }
}
