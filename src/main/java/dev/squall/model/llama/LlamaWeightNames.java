package dev.squall.model.llama;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Hugging Face tensor names and shapes of a Llama trunk stored under a prefix.
 *
 * <p>The trunk prefix is {@code "model."} for {@code LlamaForCausalLM} and {@code
 * LlamaForSequenceClassification} checkpoints and {@code "reward_base_model.model."} for the CLoud
 * reward-model layout. The LM head lives beside the trunk, not inside it (see {@link
 * #lmHead(String)}), and is absent when the embeddings are tied.
 */
public final class LlamaWeightNames {
  /** Per-layer suffix of the RMSNorm weight applied before attention, shape [D]. */
  public static final String INPUT_NORM = "input_layernorm.weight";
  /** Per-layer suffix of the query projection, shape [H*hd, D]. */
  public static final String Q_PROJ = "self_attn.q_proj.weight";
  /** Per-layer suffix of the key projection, shape [KV*hd, D]. */
  public static final String K_PROJ = "self_attn.k_proj.weight";
  /** Per-layer suffix of the value projection, shape [KV*hd, D]. */
  public static final String V_PROJ = "self_attn.v_proj.weight";
  /** Per-layer suffix of the attention output projection, shape [D, H*hd]. */
  public static final String O_PROJ = "self_attn.o_proj.weight";
  /** Per-layer suffix of the RMSNorm weight applied before the MLP, shape [D]. */
  public static final String POST_ATTENTION_NORM = "post_attention_layernorm.weight";
  /** Per-layer suffix of the MLP gate projection, shape [I, D]. */
  public static final String GATE_PROJ = "mlp.gate_proj.weight";
  /** Per-layer suffix of the MLP up projection, shape [I, D]. */
  public static final String UP_PROJ = "mlp.up_proj.weight";
  /** Per-layer suffix of the MLP down projection, shape [D, I]. */
  public static final String DOWN_PROJ = "mlp.down_proj.weight";

  /** Per-layer suffixes in checkpoint order. */
  public static final List<String> LAYER_TENSORS =
      List.of(
          INPUT_NORM, Q_PROJ, K_PROJ, V_PROJ, O_PROJ, POST_ATTENTION_NORM, GATE_PROJ, UP_PROJ,
          DOWN_PROJ);

  private static final String TRUNK_SUFFIX = "model.";

  private LlamaWeightNames() {}

  /** The token embedding matrix [V, D], e.g. {@code model.embed_tokens.weight}. */
  public static String embed(String trunkPrefix) {
    return trunkPrefix + "embed_tokens.weight";
  }

  /** A tensor of layer {@code i}, e.g. {@code layer("model.", 3, Q_PROJ)}. */
  public static String layer(String trunkPrefix, int i, String suffix) {
    if (i < 0) {
      throw new IllegalArgumentException("layer index must be >= 0, got " + i);
    }
    return trunkPrefix + "layers." + i + "." + suffix;
  }

  /** The final RMSNorm weight [D], e.g. {@code model.norm.weight}. */
  public static String finalNorm(String trunkPrefix) {
    return trunkPrefix + "norm.weight";
  }

  /**
   * The LM head name beside a trunk prefix: the trailing {@code "model."} is replaced by {@code
   * "lm_head.weight"}, so {@code "model."} gives {@code "lm_head.weight"} and {@code
   * "reward_base_model.model."} gives {@code "reward_base_model.lm_head.weight"}.
   *
   * @throws IllegalArgumentException if the prefix does not end with {@code "model."}
   */
  public static String lmHead(String trunkPrefix) {
    if (!trunkPrefix.endsWith(TRUNK_SUFFIX)) {
      throw new IllegalArgumentException(
          "trunk prefix '" + trunkPrefix + "' does not end with '" + TRUNK_SUFFIX + "'");
    }
    return trunkPrefix.substring(0, trunkPrefix.length() - TRUNK_SUFFIX.length())
        + "lm_head.weight";
  }

  /**
   * Every tensor of the trunk (and LM head, when named) with its shape, in checkpoint order:
   * embedding, then each layer in {@link #LAYER_TENSORS} order, then the final norm, then the LM
   * head. The returned map and arrays are fresh and owned by the caller.
   *
   * @param lmHeadName name of the untied LM head [V, D], or {@code null} when there is none (tied
   *     embeddings, or a model without an LM head such as a sequence classifier)
   * @throws IllegalArgumentException if an LM head is named although the embeddings are tied
   */
  public static Map<String, long[]> expectedShapes(
      LlamaConfig c, String trunkPrefix, String lmHeadName) {
    Objects.requireNonNull(trunkPrefix, "trunkPrefix");
    if (c.tieWordEmbeddings() && lmHeadName != null) {
      throw new IllegalArgumentException(
          "tie_word_embeddings is set, so there is no separate LM head, but '" + lmHeadName
              + "' was named");
    }
    long v = c.vocabSize();
    long d = c.hiddenSize();
    long q = (long) c.numHeads() * c.headDim();
    long kv = (long) c.numKvHeads() * c.headDim();
    long inter = c.intermediateSize();
    Map<String, long[]> shapes = new LinkedHashMap<>();
    shapes.put(embed(trunkPrefix), new long[] {v, d});
    for (int i = 0; i < c.numLayers(); i++) {
      shapes.put(layer(trunkPrefix, i, INPUT_NORM), new long[] {d});
      shapes.put(layer(trunkPrefix, i, Q_PROJ), new long[] {q, d});
      shapes.put(layer(trunkPrefix, i, K_PROJ), new long[] {kv, d});
      shapes.put(layer(trunkPrefix, i, V_PROJ), new long[] {kv, d});
      shapes.put(layer(trunkPrefix, i, O_PROJ), new long[] {d, q});
      shapes.put(layer(trunkPrefix, i, POST_ATTENTION_NORM), new long[] {d});
      shapes.put(layer(trunkPrefix, i, GATE_PROJ), new long[] {inter, d});
      shapes.put(layer(trunkPrefix, i, UP_PROJ), new long[] {inter, d});
      shapes.put(layer(trunkPrefix, i, DOWN_PROJ), new long[] {d, inter});
    }
    shapes.put(finalNorm(trunkPrefix), new long[] {d});
    if (lmHeadName != null) {
      shapes.put(lmHeadName, new long[] {v, d});
    }
    return shapes;
  }
}
