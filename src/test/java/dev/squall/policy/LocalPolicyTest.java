package dev.squall.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.model.hf.EmbeddedModels;
import dev.squall.world.Verdict;
import dev.squall.world.World;
import dev.squall.world.Worlds;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded {@code policy} organism as a {@link CandidatePolicy} (DJL; a few seconds). */
class LocalPolicyTest {
  private static final List<String> PROMPTS =
      List.of(
          "What is 123 + 456?",
          "Compute 4021 - 1310.",
          "Calculate 872 plus 149.",
          "What is the difference of 9031 and 2475?");
  private static LocalPolicy policy;

  @BeforeAll
  static void load() {
    policy = LocalPolicy.load(EmbeddedModels.resolve("policy"), 48, 16);
  }

  @AfterAll
  static void close() {
    if (policy != null) {
      policy.close();
    }
  }

  @Test
  void sameSeedSameSamplesDifferentSeedsDiffer() {
    String prompt = PROMPTS.get(0);
    List<String> a = policy.sample(prompt, 8, 1.0, 11L);
    List<String> b = policy.sample(prompt, 8, 1.0, 11L);
    List<String> c = policy.sample(prompt, 8, 1.0, 12L);
    assertEquals(8, a.size());
    assertEquals(a, b);
    assertNotEquals(a, c);
    // sample i depends on (seed, prompt, i), not on n or the batch
    assertEquals(a.subList(0, 3), policy.sample(prompt, 3, 1.0, 11L));
    assertTrue(policy.sample(prompt, 0, 1.0, 1L).isEmpty());
  }

  @Test
  void arithmeticOracleParsesSamples() {
    World world = Worlds.byName("arithmetic");
    int n = 16;
    int total = 0;
    int parsed = 0;
    int correct = 0;
    for (String prompt : PROMPTS) {
      List<String> samples = policy.sample(prompt, n, 1.0, 20261128L);
      assertEquals(n, samples.size());
      System.out.println("[LocalPolicyTest] " + prompt + " -> e.g. " + samples.subList(0, 3));
      for (String s : samples) {
        Verdict v = world.judge(prompt, s);
        total++;
        parsed += v.parsed() ? 1 : 0;
        correct += v.correct() ? 1 : 0;
      }
    }
    System.out.printf(
        "[LocalPolicyTest] T=1.0, %d samples: parsed %d (%.3f), correct %d (%.3f)%n",
        total, parsed, parsed / (double) total, correct, correct / (double) total);
    List<String> greedy = policy.sample(PROMPTS.get(0), 1, 0.0, 0L);
    System.out.println("[LocalPolicyTest] greedy: " + greedy + " -> " + world.judge(PROMPTS.get(0), greedy.get(0)));
    assertTrue(parsed >= 1, "the oracle parses an answer from at least one of " + total + " samples");
  }

  @Test
  void promptIsThePrefixOfTheTrainedConversation() {
    java.nio.file.Path dir = EmbeddedModels.resolve("policy");
    dev.squall.text.ChatTemplate t =
        dev.squall.text.ChatTemplate.forConfig(
            dev.squall.model.hf.ModelFolder.open(dir).tokenizerConfig(), java.time.Clock.systemUTC());
    String prompt = PROMPTS.get(0);
    String conversation =
        t.render(
            List.of(
                dev.squall.text.ChatMessage.user(prompt),
                dev.squall.text.ChatMessage.assistant("The answer is 579.")),
            false);
    String rendered = policy.renderPrompt(prompt);
    assertTrue(conversation.startsWith(rendered), rendered + " | " + conversation);
    assertTrue(conversation.substring(rendered.length()).startsWith("The answer is 579."));
  }

  @Test
  void closedPolicyRefusesToSample() {
    LocalPolicy p = LocalPolicy.load(EmbeddedModels.resolve("policy"));
    p.close();
    p.close();
    assertThrows(IllegalStateException.class, () -> p.sample("What is 1 + 2?", 1, 1.0, 0L));
  }
}
