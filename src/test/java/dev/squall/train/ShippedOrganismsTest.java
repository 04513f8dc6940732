package dev.squall.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.squall.model.hf.EmbeddedModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The shipped organisms load through the inference path and reach their cards' accuracy on a
 * fresh sample of test pairs: the sample's Wilson interval must overlap the card's; and each card
 * was trained with {@link RecipeConfig#defaults()}, so {@code squall train} runs their recipe.
 */
class ShippedOrganismsTest {
  private static final Pattern ROW =
      Pattern.compile("\\| (CLoud|classic) pairwise accuracy \\| [0-9.]+% \\[([0-9.]+), ([0-9.]+)\\]");

  @Test
  @Tag("slow")
  void shippedModelsReachTheirCardAccuracyOnASample() throws Exception {
    assumeTrue(EmbeddedModels.isEmbedded("cloud"), "no embedded models in this build");
    Path cloud = EmbeddedModels.resolve("cloud");
    Path classic = EmbeddedModels.resolve("classic");
    String card = Files.readString(cloud.resolve("README.md"));
    List<OrganismPair> sample = WorldOrganisms.all().pairs(true, 200, 99);
    Evaluation.Report r = Evaluation.evaluate(cloud, classic, WorldOrganisms.all(), sample, 160, 64,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    Matcher m = ROW.matcher(card);
    int found = 0;
    while (m.find()) {
      found++;
      double lo = Double.parseDouble(m.group(2)) / 100;
      double hi = Double.parseDouble(m.group(3)) / 100;
      Evaluation.Rate got = m.group(1).equals("CLoud") ? r.cloudAccuracy() : r.classicAccuracy();
      assertTrue(got.high() >= lo && got.low() <= hi,
          m.group(1) + " sample accuracy " + got.format() + " vs card [" + lo + ", " + hi + "]");
    }
    assertTrue(found == 2, "card rows not found in\n" + card);
  }

  @Test
  void everyShippedCardNamesTheDefaultRecipe() throws Exception {
    assumeTrue(EmbeddedModels.isEmbedded("cloud"), "no embedded models in this build");
    Pattern config = Pattern.compile("config: `(RecipeConfig\\[[^`]*\\])`");
    for (String name : List.of("cloud", "classic", "policy")) {
      String card = Files.readString(EmbeddedModels.resolve(name).resolve("README.md"));
      Matcher m = config.matcher(card);
      assertTrue(m.find(), "no config line in the " + name + " card");
      assertEquals(RecipeConfig.defaults().toString(), m.group(1), name + " card");
    }
  }
}
