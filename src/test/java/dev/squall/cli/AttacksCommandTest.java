package dev.squall.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttacksCommandTest {
  @TempDir Path tmp;

  @Test
  void listShowsEveryBuiltInAttack() throws Exception {
    SquallCliTest.Run r = SquallCliTest.run("attacks", "list");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("homoglyphs") && r.out().contains("forged-critique-turn") && r.out().contains("29 attacks"), r.out());
    JsonNode arr = new ObjectMapper().readTree(SquallCliTest.run("attacks", "list", "--format", "json").out());
    assertEquals(29, arr.size());
    assertTrue(arr.get(0).get("source").asText().contains("Wu et al. 2025"));
  }

  @Test
  void describeShowsTheFourPartsAndTheSource() throws Exception {
    SquallCliTest.Run r = SquallCliTest.run("attacks", "describe", "master-key-response");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("One Token to Fool LLM-as-a-Judge (Zhao et al. 2025)"), r.out());
    assertTrue(r.out().contains("master_key_false_positive") && r.out().contains("single_shot"), r.out());
    JsonNode n = new ObjectMapper().readTree(SquallCliTest.run("attacks", "describe", "homoglyphs", "--format", "json").out());
    assertEquals("rewrite", n.get("family").asText());
    assertEquals("greedy", n.get("search").get("type").asText());
  }

  @Test
  void unknownNameAndBadFolderExitTwo() throws Exception {
    SquallCliTest.Run r = SquallCliTest.run("attacks", "describe", "nope");
    assertEquals(ExitCodes.USAGE, r.code());
    assertTrue(r.err().contains("unknown attack 'nope'; known: add-quotes"), r.err());
    Files.writeString(tmp.resolve("x.json"), "{\"name\": \"x\"}");
    SquallCliTest.Run b = SquallCliTest.run("attacks", "list", "--dir", tmp.toString());
    assertEquals(ExitCodes.USAGE, b.code());
    assertTrue(b.err().contains("x.json: recipe.family: found nothing"), b.err());
  }
}
