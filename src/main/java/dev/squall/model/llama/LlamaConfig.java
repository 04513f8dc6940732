package dev.squall.model.llama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.model.ModelFormatException;
import java.util.ArrayList;
import java.util.List;

/**
 * Hyperparameters of a Llama-family decoder, read from a Hugging Face {@code config.json}.
 *
 * <p>Defaults follow Hugging Face's {@code LlamaConfig} when a field is absent. Unsupported
 * variants (attention or MLP biases, rope types other than default and llama3) are rejected with
 * the field named rather than silently computed wrong.
 */
public record LlamaConfig(
    int vocabSize,
    int hiddenSize,
    int intermediateSize,
    int numLayers,
    int numHeads,
    int numKvHeads,
    int headDim,
    double rmsNormEps,
    double ropeTheta,
    RopeScaling ropeScaling,
    boolean tieWordEmbeddings,
    int maxPositionEmbeddings,
    int bosTokenId,
    List<Integer> eosTokenIds) {

  public LlamaConfig {
    positive("vocab_size", vocabSize);
    positive("hidden_size", hiddenSize);
    positive("intermediate_size", intermediateSize);
    positive("num_hidden_layers", numLayers);
    positive("num_attention_heads", numHeads);
    positive("num_key_value_heads", numKvHeads);
    positive("head_dim", headDim);
    positive("max_position_embeddings", maxPositionEmbeddings);
    if (numHeads % numKvHeads != 0) {
      throw new ModelFormatException(
          "num_attention_heads (" + numHeads + ") must be a multiple of num_key_value_heads ("
              + numKvHeads + ")");
    }
    if (headDim % 2 != 0) {
      throw new ModelFormatException("head_dim must be even for rotary embeddings, got " + headDim);
    }
    if (!(rmsNormEps > 0) || !(ropeTheta > 0)) {
      throw new ModelFormatException(
          "rms_norm_eps and rope_theta must be > 0, got " + rmsNormEps + " and " + ropeTheta);
    }
    eosTokenIds = List.copyOf(eosTokenIds);
  }

  private static void positive(String field, int v) {
    if (v <= 0) {
      throw new ModelFormatException("config field '" + field + "' must be > 0, got " + v);
    }
  }

  /** A small config for tests and organisms; no rope scaling, untied head. */
  public static LlamaConfig of(
      int vocab, int hidden, int intermediate, int layers, int heads, int kvHeads) {
    return new LlamaConfig(
        vocab, hidden, intermediate, layers, heads, kvHeads, hidden / heads, 1e-5, 10000.0, null,
        false, 4096, 0, List.of(1));
  }

  public LlamaConfig withRopeScaling(RopeScaling scaling) {
    return new LlamaConfig(
        vocabSize, hiddenSize, intermediateSize, numLayers, numHeads, numKvHeads, headDim,
        rmsNormEps, ropeTheta, scaling, tieWordEmbeddings, maxPositionEmbeddings, bosTokenId,
        eosTokenIds);
  }

  public LlamaConfig withTiedEmbeddings(boolean tied) {
    return new LlamaConfig(
        vocabSize, hiddenSize, intermediateSize, numLayers, numHeads, numKvHeads, headDim,
        rmsNormEps, ropeTheta, ropeScaling, tied, maxPositionEmbeddings, bosTokenId, eosTokenIds);
  }

  public LlamaConfig withTokens(int bos, List<Integer> eos) {
    return new LlamaConfig(
        vocabSize, hiddenSize, intermediateSize, numLayers, numHeads, numKvHeads, headDim,
        rmsNormEps, ropeTheta, ropeScaling, tieWordEmbeddings, maxPositionEmbeddings, bos, eos);
  }

  /** Inverse rotary frequencies for each pair of a head, with scaling applied. */
  public double[] inverseFrequencies() {
    double[] inv = new double[headDim / 2];
    for (int i = 0; i < inv.length; i++) {
      inv[i] = 1.0 / Math.pow(ropeTheta, (2.0 * i) / headDim);
    }
    return ropeScaling == null ? inv : ropeScaling.apply(inv);
  }

  /** Number of parameters in the trunk and LM head (excluding any reward head). */
  public long parameterCount() {
    long d = hiddenSize;
    long kv = (long) numKvHeads * headDim;
    long q = (long) numHeads * headDim;
    long perLayer = d * q + 2 * d * kv + q * d + 3 * d * intermediateSize + 2 * d;
    long embed = (long) vocabSize * d;
    return embed + numLayers * perLayer + d + (tieWordEmbeddings ? 0 : embed);
  }

  /**
   * Parses a config.json tree. {@code source} names the file in error messages.
   *
   * @throws ModelFormatException naming the file and field when a field is missing or invalid
   */
  public static LlamaConfig fromJson(JsonNode n, String source) {
    try {
      for (String flag : List.of("attention_bias", "mlp_bias")) {
        if (n.path(flag).asBoolean(false)) {
          throw new ModelFormatException(source + ": '" + flag + "=true' is not supported");
        }
      }
      int hidden = required(n, "hidden_size", source);
      int heads = required(n, "num_attention_heads", source);
      RopeScaling scaling = null;
      JsonNode rs = n.get("rope_scaling");
      if (rs != null && !rs.isNull()) {
        String type = rs.has("rope_type") ? rs.get("rope_type").asText() : rs.path("type").asText();
        if (type.equals("llama3")) {
          scaling =
              new RopeScaling(
                  rs.path("factor").asDouble(8.0),
                  rs.path("low_freq_factor").asDouble(1.0),
                  rs.path("high_freq_factor").asDouble(4.0),
                  rs.path("original_max_position_embeddings").asInt(8192));
        } else if (!type.equals("default")) {
          throw new ModelFormatException(
              source + ": rope_scaling type '" + type + "' is not supported (allowed: llama3, default)");
        }
      }
      List<Integer> eos = new ArrayList<>();
      JsonNode e = n.get("eos_token_id");
      if (e != null && e.isArray()) {
        e.forEach(x -> eos.add(x.asInt()));
      } else if (e != null && e.isInt()) {
        eos.add(e.asInt());
      }
      return new LlamaConfig(
          required(n, "vocab_size", source),
          hidden,
          required(n, "intermediate_size", source),
          required(n, "num_hidden_layers", source),
          heads,
          n.path("num_key_value_heads").asInt(heads),
          n.hasNonNull("head_dim") ? n.get("head_dim").asInt() : hidden / heads,
          n.path("rms_norm_eps").asDouble(1e-6),
          n.path("rope_theta").asDouble(10000.0),
          scaling,
          n.path("tie_word_embeddings").asBoolean(false),
          n.path("max_position_embeddings").asInt(2048),
          n.path("bos_token_id").asInt(-1),
          eos);
    } catch (IllegalArgumentException ex) {
      throw new ModelFormatException(source + ": " + ex.getMessage(), ex);
    } catch (ModelFormatException ex) {
      if (ex.getMessage().startsWith(source)) {
        throw ex;
      }
      throw new ModelFormatException(source + ": " + ex.getMessage(), ex);
    }
  }

  private static int required(JsonNode n, String field, String source) {
    JsonNode v = n.get(field);
    if (v == null || !v.canConvertToInt()) {
      throw new ModelFormatException(
          source + ": required integer field '" + field + "' is " + (v == null ? "missing" : "'" + v + "'"));
    }
    return v.asInt();
  }

  /** Writes the Hugging Face config.json fields for a {@code LlamaForCausalLM}. */
  public ObjectNode toJson(ObjectMapper mapper) {
    ObjectNode n = mapper.createObjectNode();
    n.putArray("architectures").add("LlamaForCausalLM");
    n.put("model_type", "llama");
    n.put("vocab_size", vocabSize);
    n.put("hidden_size", hiddenSize);
    n.put("intermediate_size", intermediateSize);
    n.put("num_hidden_layers", numLayers);
    n.put("num_attention_heads", numHeads);
    n.put("num_key_value_heads", numKvHeads);
    n.put("head_dim", headDim);
    n.put("rms_norm_eps", rmsNormEps);
    n.put("rope_theta", ropeTheta);
    if (ropeScaling != null) {
      ObjectNode rs = n.putObject("rope_scaling");
      rs.put("rope_type", "llama3");
      rs.put("factor", ropeScaling.factor());
      rs.put("low_freq_factor", ropeScaling.lowFreqFactor());
      rs.put("high_freq_factor", ropeScaling.highFreqFactor());
      rs.put("original_max_position_embeddings", ropeScaling.originalMaxPositionEmbeddings());
    } else {
      n.putNull("rope_scaling");
    }
    n.put("tie_word_embeddings", tieWordEmbeddings);
    n.put("max_position_embeddings", maxPositionEmbeddings);
    n.put("bos_token_id", bosTokenId);
    if (eosTokenIds.size() == 1) {
      n.put("eos_token_id", eosTokenIds.get(0));
    } else {
      eosTokenIds.forEach(n.withArray("eos_token_id")::add);
    }
    n.put("hidden_act", "silu");
    n.put("torch_dtype", "float32");
    return n;
  }
}
