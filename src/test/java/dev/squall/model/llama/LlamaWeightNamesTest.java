package dev.squall.model.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlamaWeightNamesTest {
  private static final LlamaConfig C = LlamaConfig.of(11, 16, 24, 2, 4, 2);

  @Test
  void lmHeadLivesBesideTheTrunk() {
    assertEquals("lm_head.weight", LlamaWeightNames.lmHead("model."));
    assertEquals(
        "reward_base_model.lm_head.weight", LlamaWeightNames.lmHead("reward_base_model.model."));
    assertThrows(IllegalArgumentException.class, () -> LlamaWeightNames.lmHead("transformer."));
  }

  @Test
  void expectedShapesListTheCheckpointInOrder() {
    String p = "reward_base_model.model.";
    Map<String, long[]> s =
        LlamaWeightNames.expectedShapes(C, p, LlamaWeightNames.lmHead(p));
    List<String> names = new ArrayList<>(s.keySet());
    assertEquals(1 + 9 * 2 + 1 + 1, names.size());
    assertEquals(p + "embed_tokens.weight", names.get(0));
    assertEquals(p + "layers.0.input_layernorm.weight", names.get(1));
    assertEquals(p + "layers.1.mlp.down_proj.weight", names.get(18));
    assertEquals(p + "norm.weight", names.get(19));
    assertEquals("reward_base_model.lm_head.weight", names.get(20));
    assertArrayEquals(new long[] {11, 16}, s.get(p + "embed_tokens.weight"));
    assertArrayEquals(new long[] {16, 16}, s.get(p + "layers.1.self_attn.q_proj.weight"));
    assertArrayEquals(new long[] {8, 16}, s.get(p + "layers.1.self_attn.k_proj.weight"));
    assertArrayEquals(new long[] {8, 16}, s.get(p + "layers.1.self_attn.v_proj.weight"));
    assertArrayEquals(new long[] {16, 16}, s.get(p + "layers.1.self_attn.o_proj.weight"));
    assertArrayEquals(new long[] {24, 16}, s.get(p + "layers.0.mlp.gate_proj.weight"));
    assertArrayEquals(new long[] {24, 16}, s.get(p + "layers.0.mlp.up_proj.weight"));
    assertArrayEquals(new long[] {16, 24}, s.get(p + "layers.0.mlp.down_proj.weight"));
    assertArrayEquals(new long[] {16}, s.get(p + "norm.weight"));
    assertArrayEquals(new long[] {11, 16}, s.get("reward_base_model.lm_head.weight"));
  }

  @Test
  void noLmHeadWhenAbsentOrTied() {
    assertEquals(20, LlamaWeightNames.expectedShapes(C, "model.", null).size());
    LlamaConfig tied = C.withTiedEmbeddings(true);
    assertEquals(20, LlamaWeightNames.expectedShapes(tied, "model.", null).size());
    assertThrows(
        IllegalArgumentException.class,
        () -> LlamaWeightNames.expectedShapes(tied, "model.", "lm_head.weight"));
  }

  @Test
  void helpersSpellHuggingFaceNames() {
    assertEquals(
        "model.layers.3.self_attn.q_proj.weight",
        LlamaWeightNames.layer("model.", 3, LlamaWeightNames.Q_PROJ));
    assertEquals("model.embed_tokens.weight", LlamaWeightNames.embed("model."));
    assertEquals("model.norm.weight", LlamaWeightNames.finalNorm("model."));
  }
}
