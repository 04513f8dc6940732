package dev.squall.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.squall.model.HostTensor;
import dev.squall.model.TensorSource;
import dev.squall.model.hf.ModelFolder;
import dev.squall.model.hf.ModelLayout;
import dev.squall.model.llama.LlamaModel;
import dev.squall.model.llama.TokenBatch;
import dev.squall.model.safetensors.SafetensorsFile;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringRequest;
import dev.squall.rm.local.LoadOptions;
import dev.squall.rm.local.LocalModels;
import dev.squall.rm.local.TrainingFormat;
import dev.squall.text.TextTokenizer;
import dev.squall.text.TokenizerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One quick end-to-end run of the recipe on the toy world, shared by the checks below. */
class OrganismRecipeTest {
  @TempDir static Path out;
  static OrganismRecipe.Result result;
  static String log;

  @BeforeAll
  static void runQuickRecipe() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    result = OrganismRecipe.run(out, RecipeConfig.forTests(), new ToyArithmeticWorld(2),
        new PrintStream(buf, true, StandardCharsets.UTF_8));
    log = buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everyStageRunsAndLogs() {
    assertEquals(List.of("base", "sft", "joint", "classic"),
        result.stages().stream().map(TrainLoop.StageLog::stage).toList());
    for (String s : List.of("[base] step", "[sft] step", "[regenerate]", "[joint] step",
        "[classic] step", "[eval] CLoud")) {
      assertTrue(log.contains(s), "missing " + s + " in\n" + log);
    }
    TrainLoop.StageLog base = result.stages().get(0);
    assertTrue(base.finalLoss() < base.firstLoss(), "base loss should fall: " + base);
  }

  @Test
  void foldersHaveTheHuggingFaceFilesAndLayouts() throws Exception {
    for (Path d : List.of(result.cloud(), result.classic(), result.policy())) {
      for (String f : List.of("config.json", "model.safetensors", "tokenizer.json",
          "tokenizer_config.json", "README.md")) {
        assertTrue(Files.isRegularFile(d.resolve(f)), d + "/" + f);
      }
    }
    assertEquals(ModelLayout.CLOUD_TEACHER, ModelFolder.open(result.cloud()).layout());
    assertEquals(ModelLayout.CLOUD_VANILLA, ModelFolder.open(result.classic()).layout());
    assertEquals(ModelLayout.CAUSAL_LM, ModelFolder.open(result.policy()).layout());
    String card = Files.readString(result.cloud().resolve("README.md"));
    assertTrue(card.contains("McNemar") && card.contains("Wilson") && card.contains("SHA-256"), card);
  }

  @Test
  void loadedModelsGiveTheInMemoryRewards() {
    String prompt = "What is 12 + 39?";
    String response = "The answer is 51.";
    String critique = "2+9+0=11, write 1. The sum is 51. The response says 51. Verdict: correct.";
    Path work = out.resolve("work");
    try (TextTokenizer tok = TextTokenizer.load(work.resolve("tokenizer.json"))) {
      TrainingFormat fmt =
          TrainingFormat.of(TokenizerConfig.read(work.resolve("tokenizer_config.json")), tok);
      double classicMem = inMemory(result.classic(), tok.encode(fmt.conversation(prompt, response)));
      double cloudMem =
          inMemory(result.cloud(), tok.encode(fmt.rewardText(prompt, response, critique)));
      try (RewardModel c = LocalModels.loadRewardModel(result.classic(), LoadOptions.defaults())) {
        assertEquals(classicMem, c.score(ScoringRequest.of(prompt, response)).reward(), 1e-4);
      }
      try (RewardModel c = LocalModels.loadRewardModel(result.cloud(), LoadOptions.defaults())) {
        RewardResult r = c.scoreAll(List.of(ScoringRequest.of(prompt, response).withCritique(critique))).get(0);
        assertEquals(cloudMem, r.reward(), 1e-4);
      }
    }
  }

  @Test
  void critiqueExamplesStartWithTheFirstTokenNewItemsLookAt() {
    Path work = out.resolve("work");
    try (TextTokenizer tok = TextTokenizer.load(work.resolve("tokenizer.json"))) {
      TrainingFormat fmt =
          TrainingFormat.of(TokenizerConfig.read(work.resolve("tokenizer_config.json")), tok);
      List<long[]> seqs = new ArrayList<>();
      OrganismRecipe.addCritiqueExample(fmt, tok, "What is 12 + 39?", "51.", "Verdict: correct.",
          seqs, new ArrayList<>());
      assertEquals(tok.tokenId("<|begin_of_text|>"), seqs.get(0)[0],
          "the lookup loss sends new items to token 0, which must be <|begin_of_text|>");
    }
  }

  /** Reward from the stage weights (F32, before export) computed with the training code. */
  private static double inMemory(Path folder, long[] ids) {
    String stage = folder.getFileName().toString().equals("cloud") ? "joint" : "classic";
    Map<String, HostTensor> w = new LinkedHashMap<>();
    try (SafetensorsFile f = SafetensorsFile.open(out.resolve("work").resolve(stage + ".safetensors"))) {
      for (String n : f.names()) {
        w.put(n, f.read(n));
      }
    }
    var cfg = ModelFolder.open(folder).llama();
    try (LlamaModel m = LlamaModel.load(cfg, TensorSource.of(w),
        ModelLayout.CLOUD_TEACHER.trunkPrefix(), ModelLayout.CLOUD_TEACHER.lmHeadName())) {
      RewardHead head = RewardHead.load(m, w);
      try (NDManager nd = m.newBatchManager()) {
        return head.apply(m.forward(nd, TokenBatch.leftPadded(List.of(ids)), null).get(":, -1, :"))
            .toFloatArray()[0];
      }
    }
  }
}
