package dev.squall.rm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.ConfigException;
import dev.squall.model.HostTensor;
import dev.squall.model.ModelFormatException;
import dev.squall.model.hf.ModelFolder;
import dev.squall.model.hf.ModelLayout;
import dev.squall.model.llama.ReferenceLlama;
import dev.squall.model.safetensors.DType;
import dev.squall.model.safetensors.SafetensorsWriter;
import dev.squall.rm.Critique;
import dev.squall.rm.CritiqueDecoding;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardModelKind;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringRequest;
import dev.squall.text.TextTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Classic and CLoud reward models from tiny random folders, checked against the reference. */
class LocalRewardModelTest {
  static final ScoringRequest REQ = ScoringRequest.of("What is 12 + 30?", "The answer is 42.");
  static final ScoringRequest REQ2 = ScoringRequest.of("Name three animals.", "bear, bee, bison");

  @TempDir Path tmp;

  private static int[] ids(Path dir, String text) {
    try (TextTokenizer t = TextTokenizer.load(dir.resolve("tokenizer.json"))) {
      long[] l = t.encode(text);
      int[] out = new int[l.length];
      for (int i = 0; i < l.length; i++) {
        out[i] = (int) l[i];
      }
      return out;
    }
  }

  private static void assertClose(double want, double got, String what) {
    assertEquals(want, got, 1e-4 * Math.max(1, Math.abs(want)), what);
  }

  @Test
  void sequenceClassificationRewardMatchesReference() {
    Path dir = tmp.resolve("seqcls");
    Map<String, HostTensor> w = TinyModelFolders.write(dir, ModelLayout.SEQUENCE_CLASSIFICATION, 1);
    ReferenceLlama ref = new ReferenceLlama(ModelFolder.open(dir).llama(), w, "model.", null);
    try (ClassicRewardModel rm = (ClassicRewardModel) LocalModels.loadRewardModel(dir, LoadOptions.defaults())) {
      assertEquals(RewardModelKind.CLASSIC, rm.info().kind());
      List<RewardResult> rs = rm.scoreAll(List.of(REQ, REQ2));
      for (int i = 0; i < 2; i++) {
        ScoringRequest q = List.of(REQ, REQ2).get(i);
        double want = ref.linearAtLast(ids(dir, rm.formattedText(q)), w.get("score.weight"));
        assertClose(want, rs.get(i).reward(), "request " + i);
        assertTrue(rs.get(i).critiques().isEmpty());
      }
      String text = rm.formattedText(REQ);
      assertEquals(
          "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nWhat is 12 + 30?<|eot_id|>"
              + "<|start_header_id|>assistant<|end_header_id|>\n\nThe answer is 42.<|eot_id|>",
          text);
      // One BOS only: the template writes it and encoding adds none.
      int bos = ModelFolder.open(dir).llama().bosTokenId();
      assertEquals(1, java.util.Arrays.stream(ids(dir, text)).filter(x -> x == bos).count());
    }
  }

  @Test
  void cloudVanillaIsClassicWithMlpHead() {
    Path dir = tmp.resolve("vanilla");
    Map<String, HostTensor> w = TinyModelFolders.write(dir, ModelLayout.CLOUD_VANILLA, 2);
    ReferenceLlama ref =
        new ReferenceLlama(ModelFolder.open(dir).llama(), w, "reward_base_model.model.", null);
    try (ClassicRewardModel rm = (ClassicRewardModel) LocalModels.loadRewardModel(dir, LoadOptions.defaults())) {
      double want = rewardHead(ref, w, ids(dir, rm.formattedText(REQ)));
      assertClose(want, rm.score(REQ).reward(), "vanilla reward");
    }
  }

  private static double rewardHead(ReferenceLlama ref, Map<String, HostTensor> w, int[] ids) {
    return ref.rewardAtLast(
        ids,
        w.get("reward_head.dense.weight"),
        w.get("reward_head.dense.bias"),
        w.get("reward_head.out_proj.weight"),
        w.get("reward_head.out_proj.bias"))[0];
  }

  @Test
  void cloudWritesCritiqueThenRewardsAfterIt() {
    Path dir = tmp.resolve("cloud");
    Map<String, HostTensor> w = TinyModelFolders.write(dir, ModelLayout.CLOUD_TEACHER, 3);
    ReferenceLlama ref =
        new ReferenceLlama(
            ModelFolder.open(dir).llama(), w, "reward_base_model.model.", "reward_base_model.lm_head.weight");
    LoadOptions opts = LoadOptions.defaults().withDecoding(CritiqueDecoding.defaults().withMaxTokens(12));
    try (CloudRewardModel rm = (CloudRewardModel) LocalModels.loadRewardModel(dir, opts)) {
      assertEquals(RewardModelKind.CLOUD, rm.info().kind());
      assertEquals(
          "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nWhat is 12 + 30?<|eot_id|>"
              + "<|start_header_id|>assistant<|end_header_id|>\n\nThe answer is 42.<|eot_id|>"
              + "<|start_header_id|>user<|end_header_id|>\n\nThe following is a break down on the"
              + " correctness and usefulness of the assistant's response to my question:",
          rm.critiquePrompt(REQ));
      RewardResult r = rm.score(REQ);
      assertEquals(1, r.critiques().size());
      Critique c = r.critiques().get(0);
      // Greedy critique = the reference's argmax continuation (with the 1.01 repetition penalty).
      int[] prompt = ids(dir, rm.critiquePrompt(REQ));
      List<Integer> seq = new ArrayList<>();
      for (int id : prompt) {
        seq.add(id);
      }
      int eot;
      try (TextTokenizer t = TextTokenizer.load(dir.resolve("tokenizer.json"))) {
        eot = t.tokenId("<|eot_id|>");
        List<Long> gen = new ArrayList<>();
        for (int step = 0; step < 12; step++) {
          double[][] logits = ref.logits(seq.stream().mapToInt(Integer::intValue).toArray());
          double[] last = logits[logits.length - 1].clone();
          for (int id : new java.util.HashSet<>(seq)) {
            last[id] = last[id] < 0 ? last[id] * 1.01 : last[id] / 1.01;
          }
          int best = 0;
          for (int k = 1; k < last.length; k++) {
            best = last[k] > last[best] ? k : best;
          }
          if (best == eot) {
            break;
          }
          seq.add(best);
          gen.add((long) best);
        }
        String expected = t.decode(gen.stream().mapToLong(Long::longValue).toArray()).strip();
        assertEquals(expected, c.text());
        assertEquals(gen.size() == 12, c.truncated());
      }
      double want = rewardHead(ref, w, ids(dir, rm.rewardText(REQ, c.text())));
      assertClose(want, r.reward(), "cloud reward");
      assertEquals(r.reward(), c.reward(), 0.0);
      assertTrue(rm.rewardText(REQ, c.text()).endsWith(c.text() + "<|eot_id|>"));
    }
  }

  @Test
  void givenCritiqueIsScoredAndChangesTheReward() {
    Path dir = tmp.resolve("cloud-given");
    Map<String, HostTensor> w = TinyModelFolders.write(dir, ModelLayout.CLOUD_TEACHER, 4);
    ReferenceLlama ref =
        new ReferenceLlama(
            ModelFolder.open(dir).llama(), w, "reward_base_model.model.", "reward_base_model.lm_head.weight");
    try (CloudRewardModel rm = (CloudRewardModel) LocalModels.loadRewardModel(dir, LoadOptions.defaults())) {
      RewardResult good = rm.score(REQ.withCritique("  the sum is right. Verdict: correct. "));
      RewardResult bad = rm.score(REQ.withCritique("the sum is wrong. Verdict: incorrect."));
      assertEquals("the sum is right. Verdict: correct.", good.critique());
      assertTrue(good.critiques().get(0).given());
      assertFalse(good.truncated());
      assertClose(rewardHead(ref, w, ids(dir, rm.rewardText(REQ, good.critique()))), good.reward(), "given");
      assertNotEquals(good.reward(), bad.reward());
    }
  }

  @Test
  void selfConsistencyAveragesSampledCritiquesDeterministically() {
    Path dir = tmp.resolve("cloud-sc");
    TinyModelFolders.write(dir, ModelLayout.CLOUD_TEACHER, 5);
    CritiqueDecoding sc = new CritiqueDecoding(3, 1.0, 1.0, 8, 1.01, 77);
    LoadOptions opts = LoadOptions.defaults().withDecoding(sc);
    try (RewardModel rm = LocalModels.loadRewardModel(dir, opts)) {
      List<RewardResult> both = rm.scoreAll(List.of(REQ, REQ2));
      RewardResult alone = rm.score(REQ2);
      RewardResult r = both.get(0);
      assertEquals(3, r.critiques().size());
      double mean = r.critiques().stream().mapToDouble(Critique::reward).average().orElseThrow();
      assertEquals(mean, r.reward(), 1e-12);
      assertTrue(r.critiques().stream().map(Critique::text).distinct().count() > 1, "samples identical");
      // Batch composition does not change a request's critiques.
      assertEquals(
          alone.critiques().stream().map(Critique::text).toList(),
          both.get(1).critiques().stream().map(Critique::text).toList());
      assertEquals(alone.reward(), both.get(1).reward(), 1e-4);
      assertEquals(sc, r.provenance().decoding().orElseThrow());
      assertEquals(64, r.provenance().modelHash().length());
    }
    assertThrows(IllegalArgumentException.class, () -> new CritiqueDecoding(3, 0.0, 1.0, 8, 1.01, 0));
  }

  @Test
  void scoringTenThousandRequestsKeepsLiveArraysFlat() {
    Path dir = tmp.resolve("flat");
    TinyModelFolders.write(dir, ModelLayout.SEQUENCE_CLASSIFICATION, 6);
    try (ClassicRewardModel rm =
        (ClassicRewardModel) LocalModels.loadRewardModel(dir, LoadOptions.defaults().withBatchSize(50))) {
      List<ScoringRequest> reqs = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        reqs.add(ScoringRequest.of("What is " + i + " + 1?", "It is " + (i + 1) + "."));
      }
      rm.scoreAll(reqs);
      int before = rm.liveArrayCount();
      for (int round = 0; round < 20; round++) {
        rm.scoreAll(reqs);
      }
      assertEquals(before, rm.liveArrayCount(), "native arrays leaked over 10,000 requests");
    }
  }

  @Test
  void folderWithoutChatTemplateUsesDocumentedDefault() throws Exception {
    Path dir = tmp.resolve("notemplate");
    TinyModelFolders.write(dir, ModelLayout.CLOUD_TEACHER, 10);
    Files.delete(dir.resolve("tokenizer_config.json"));
    try (CloudRewardModel rm = (CloudRewardModel) LocalModels.loadRewardModel(dir, LoadOptions.defaults())) {
      assertEquals(
          "\n\nHuman: What is 12 + 30?\n\nAssistant: The answer is 42.\n\nHuman: The following is a"
              + " break down on the correctness and usefulness of the assistant's response to my"
              + " question: ",
          rm.critiquePrompt(REQ));
      assertTrue(rm.rewardText(REQ, "ok").endsWith("question: ok<|eot_id|>"));
    }
  }

  @Test
  void causalLmFolderIsNotARewardModel() {
    Path dir = tmp.resolve("causal");
    TinyModelFolders.write(dir, ModelLayout.CAUSAL_LM, 7);
    ConfigException e =
        assertThrows(ConfigException.class, () -> LocalModels.loadRewardModel(dir, LoadOptions.defaults()));
    assertTrue(e.getMessage().contains("no reward head"), e.getMessage());
  }

  @Test
  void missingHeadTensorIsNamed() throws Exception {
    Path dir = tmp.resolve("nohead");
    Map<String, HostTensor> w = TinyModelFolders.write(dir, ModelLayout.CLOUD_VANILLA, 8);
    Map<String, HostTensor> cut = new LinkedHashMap<>(w);
    cut.remove("reward_head.out_proj.bias");
    Files.delete(dir.resolve("model.safetensors"));
    SafetensorsWriter.write(dir.resolve("model.safetensors"), cut, DType.F32, Map.of());
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> LocalModels.loadRewardModel(dir, LoadOptions.defaults()));
    assertTrue(e.getMessage().contains("reward_head.out_proj.bias"), e.getMessage());
  }

  @Test
  void f16AndBf16WeightsLoadAndScoreClose() throws Exception {
    Path dir = tmp.resolve("half");
    Map<String, HostTensor> w = TinyModelFolders.write(dir, ModelLayout.SEQUENCE_CLASSIFICATION, 9);
    double f32;
    try (RewardModel rm = LocalModels.loadRewardModel(dir, LoadOptions.defaults())) {
      f32 = rm.score(REQ).reward();
    }
    for (DType dt : List.of(DType.F16, DType.BF16)) {
      Files.delete(dir.resolve("model.safetensors"));
      SafetensorsWriter.write(dir.resolve("model.safetensors"), w, dt, Map.of());
      try (RewardModel rm = LocalModels.loadRewardModel(dir, LoadOptions.defaults())) {
        double r = rm.score(REQ).reward();
        assertEquals(f32, r, 0.05 * Math.max(1, Math.abs(f32)), dt + " reward");
      }
    }
  }
}
