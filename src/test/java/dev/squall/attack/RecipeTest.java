package dev.squall.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.ConfigException;
import dev.squall.attack.recipe.AttackFamily;
import dev.squall.attack.recipe.AttackRecipe;
import dev.squall.attack.recipe.AttackResources;
import dev.squall.attack.recipe.RecipeLoader;
import dev.squall.attack.recipe.RecipeRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipeTest {
  @TempDir Path tmp;

  @Test
  void builtInsCoverEveryFamilyWithSourcesAndMatchTheAttacksFolder() throws Exception {
    RecipeRegistry reg = RecipeRegistry.builtIn();
    List<AttackRecipe> all = reg.all();
    assertTrue(all.size() >= 24, "at least 24 attacks, found " + all.size());
    Set<AttackFamily> fams = all.stream().map(AttackRecipe::family).collect(Collectors.toSet());
    assertEquals(EnumSet.allOf(AttackFamily.class), fams);
    for (AttackRecipe r : all) {
      assertFalse(r.description().isBlank());
      assertFalse(r.source().title().isBlank());
      assertTrue(r.source().year() >= 2018, r.name());
    }
    // attacks/ at the repository root holds the same files as the classpath copies
    RecipeRegistry folder = RecipeRegistry.load(Path.of("attacks"));
    assertEquals(all.stream().map(AttackRecipe::name).toList(), folder.all().stream().map(AttackRecipe::name).toList());
    for (String f : RecipeRegistry.BUILT_IN_FILES) {
      String cp;
      try (var in = getClass().getClassLoader().getResourceAsStream(RecipeRegistry.RESOURCE_DIR + f)) {
        cp = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
      assertEquals(Files.readString(Path.of("attacks", f)), cp, f + " differs between attacks/ and the classpath copy");
    }
  }

  @Test
  void everyBuiltInRunsWithinBudgetOnBothWorlds() {
    FakeRewardModel classic =
        FakeRewardModel.classic("c", (p, r) -> Fixtures.gold(world(p), p, r) + 0.001 * r.length());
    FakeRewardModel cloud =
        FakeRewardModel.cloud("k", (p, r) -> 0.0, (p, r) -> world(p).oracleCritique(p, r), (c, r) -> c.endsWith("Verdict: correct.") ? 1 : 0);
    List<AttackItem> items = new ArrayList<>(Fixtures.items(Fixtures.ARITH, 2, 31));
    items.addAll(Fixtures.items(Fixtures.LISTS, 1, 31));
    AttackRunner runner = new AttackRunner(new QueryCache());
    int succeeded = 0;
    try (AttackResources res = AttackResources.defaults()) { // policy-rewrite samples the embedded policy
      for (AttackRecipe rec : RecipeRegistry.builtIn().all()) {
        Attack a = rec.build(res);
        for (AttackItem it : items) {
          int before = classic.queries;
          AttackResult r = runner.run(a, it, classic, List.of(cloud), 1);
          assertNotNull(r.status());
          assertEquals(r.adversarial().text(), AttackedTextTest.replay(r.adversarial()), rec.name() + ": edits replay");
          assertEquals(it.response(), r.adversarial().original());
          assertTrue(r.queriesUsed() <= a.goal().queryBudget(), rec.name());
          assertTrue(classic.queries - before <= a.goal().queryBudget(), rec.name() + ": model queries within budget");
          if (r.succeeded()) {
            succeeded++;
            assertFalse(it.world().get().judge(it.prompt(), r.adversarial().text()).correct(), rec.name() + " success must stay wrong");
          }
        }
      }
    }
    assertTrue(succeeded > 0, "the length-biased fake is beaten by some attack");
  }

  private static dev.squall.world.World world(String prompt) {
    return prompt.matches(".*\\d{3,}.*") ? Fixtures.ARITH : Fixtures.LISTS;
  }

  static final String GOOD =
      """
      {"name": "my-attack", "family": "noop_append", "description": "d",
       "source": {"title": "T", "first_author": "A", "year": 2024},
       "transformation": {"type": "insertion", "position": "suffix", "variants": ["x"]},
       "constraints": [{"type": "oracle_validity"}, {"type": "edit_distance", "max": 5}],
       "goal": {"type": "flip_pair", "budget": 10},
       "search": {"type": "beam", "width": 2}}
      """;

  static String bad(String from, String to) {
    assertTrue(GOOD.contains(from), from);
    return GOOD.replace(from, to);
  }

  static String error(String text) {
    return assertThrows(ConfigException.class, () -> RecipeLoader.parse("bad.json", text)).getMessage();
  }

  @Test
  void aGoodRecipeLoadsAndBuilds() {
    AttackRecipe r = RecipeLoader.parse("good.json", GOOD).get(0);
    Attack a = r.build(AttackResources.defaults());
    assertEquals("my-attack", a.name());
    assertEquals(2, a.constraints().size());
    assertEquals("beam", a.search().name());
  }

  @Test
  void validationErrorsNameFileFieldValueAndAllowed() {
    String m = error(bad("\"type\": \"beam\"", "\"type\": \"bream\""));
    assertTrue(m.startsWith("bad.json: recipe.search.type: found \"bream\"; allowed: single_shot, random, greedy, beam, genetic"), m);
    m = error(bad("\"budget\": 10", "\"budget\": \"ten\""));
    assertTrue(m.contains("bad.json: recipe.goal.budget: found \"ten\"; allowed: an integer in [1, "), m);
    m = error(bad("\"budget\": 10", "\"budget\": 0"));
    assertTrue(m.contains("recipe.goal.budget: found 0"), m);
    m = error(bad("\"width\": 2", "\"widht\": 2"));
    assertTrue(m.contains("recipe.search.widht: unknown field for type 'beam'; allowed: width, per_member, max_depth"), m);
    m = error(bad("\"family\": \"noop_append\"", "\"family\": \"noop\""));
    assertTrue(m.contains("recipe.family: found \"noop\"; allowed: rewrite, noop_append"), m);
    m = error(bad("\"year\": 2024", "\"year\": \"2024\""));
    assertTrue(m.contains("recipe.source.year: found \"2024\""), m);
    m = error(bad("\"position\": \"suffix\"", "\"position\": \"middle\""));
    assertTrue(m.contains("recipe.transformation.position: found \"middle\"; allowed: prefix, suffix, replace"), m);
    m = error(bad("\"max\": 5", "\"max\": -1"));
    assertTrue(m.contains("recipe.constraints[1].max: found -1"), m);
    m = error(GOOD.replace("\"source\": {\"title\": \"T\", \"first_author\": \"A\", \"year\": 2024},", ""));
    assertTrue(m.contains("recipe.source: found nothing"), m);
    m = error("{\"recipes\": [" + GOOD + "," + GOOD + "]}");
    assertTrue(m.contains("recipe name 'my-attack' appears twice"), m);
    m = error("{\"recipes\": [" + GOOD + ", " + bad("\"type\": \"flip_pair\"", "\"type\": \"flop\"") + "]}");
    assertTrue(m.contains("bad.json: recipes[1].goal.type: found \"flop\""), m);
    m = error("{ not json");
    assertTrue(m.startsWith("bad.json: not valid JSON at line 1"), m);
    m = error(bad("\"type\": \"flip_pair\", \"budget\": 10", "\"type\": \"raise_reward\", \"budget\": 10"));
    assertTrue(m.contains("exactly one of delta"), m);
  }

  @Test
  void folderLoadingNamesTheFileAndRejectsDuplicatesAcrossFiles() throws Exception {
    Files.writeString(tmp.resolve("a.json"), GOOD);
    Files.writeString(tmp.resolve("b.json"), GOOD);
    String m = assertThrows(ConfigException.class, () -> RecipeRegistry.load(tmp)).getMessage();
    assertTrue(m.contains("a.json") && m.contains("b.json"), m);
    Files.writeString(tmp.resolve("b.json"), bad("\"max\": 5", "\"max\": true"));
    m = assertThrows(ConfigException.class, () -> RecipeRegistry.load(tmp)).getMessage();
    assertTrue(m.contains("b.json: recipe.constraints[1].max: found true"), m);
  }
}
