package dev.squall.rm.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.model.HostTensor;
import dev.squall.model.hf.ModelLayout;
import dev.squall.model.llama.LlamaConfig;
import dev.squall.model.llama.RandomLlamaWeights;
import dev.squall.model.safetensors.DType;
import dev.squall.model.safetensors.SafetensorsWriter;
import dev.squall.text.TextTokenizer;
import dev.squall.text.TokenizerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes tiny random Hugging Face model folders in each reward layout, with a generated tokenizer
 * and the Llama-3 chat template, for tests of the loading and scoring path.
 */
public final class TinyModelFolders {
  private TinyModelFolders() {}

  static final List<String> CORPUS =
      List.of(
          "What is 12 + 30? The answer is 42.",
          "The following is a break down on the correctness and usefulness of the assistant's"
              + " response to my question: the sum is right. Verdict: correct.",
          "Name three animals that start with b: bear, bee, bison.");

  /** Writes tokenizer.json + tokenizer_config.json into {@code dir}; returns the vocab size. */
  static int writeTokenizer(Path dir) {
    try {
      Files.createDirectories(dir);
      new TokenizerBuilder().vocabularySize(400).addCorpus(CORPUS).write(dir.resolve("tokenizer.json"));
      TokenizerBuilder.writeLlama3Config(dir.resolve("tokenizer_config.json"));
      try (TextTokenizer t = TextTokenizer.load(dir.resolve("tokenizer.json"))) {
        return t.vocabSize();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static LlamaConfig config(int vocab, Path dir) {
    try (TextTokenizer t = TextTokenizer.load(dir.resolve("tokenizer.json"))) {
      return LlamaConfig.of(vocab, 32, 64, 2, 4, 2)
          .withTokens(t.tokenId("<|begin_of_text|>"), List.of(t.tokenId("<|eot_id|>")));
    }
  }

  /** A folder in {@code layout} with random weights; returns all tensors written. */
  public static Map<String, HostTensor> write(Path dir, ModelLayout layout, long seed) {
    int vocab = writeTokenizer(dir);
    LlamaConfig c = config(vocab, dir);
    String lm = layout == ModelLayout.SEQUENCE_CLASSIFICATION ? null : layout.lmHeadName();
    Map<String, HostTensor> w = new LinkedHashMap<>(RandomLlamaWeights.create(c, layout.trunkPrefix(), lm, seed));
    w.replaceAll((k, t) -> k.endsWith("norm.weight") ? t : scale(t, 5f));
    Random r = new Random(seed);
    int d = c.hiddenSize();
    if (layout == ModelLayout.SEQUENCE_CLASSIFICATION) {
      w.put("score.weight", gaussian(r, 1, d));
    } else {
      w.put("reward_head.dense.weight", gaussian(r, d, d));
      w.put("reward_head.dense.bias", gaussian(r, d));
      w.put("reward_head.out_proj.weight", gaussian(r, 1, d));
      w.put("reward_head.out_proj.bias", gaussian(r, 1));
    }
    ObjectMapper m = new ObjectMapper();
    ObjectNode cfg = c.toJson(m);
    switch (layout) {
      case SEQUENCE_CLASSIFICATION -> {
        cfg.putArray("architectures").add("LlamaForSequenceClassification");
        cfg.put("num_labels", 1);
      }
      case CAUSAL_LM -> {}
      default -> {
        cfg.putArray("architectures").add("FeedbackRewardModel");
        cfg.put("model_type", "cloud");
        cfg.put("feedback_method", layout == ModelLayout.CLOUD_TEACHER ? "teacher" : "vanilla");
        cfg.put("base_model_name_or_path", "squall/test-base");
      }
    }
    try {
      m.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("config.json").toFile(), cfg);
      SafetensorsWriter.write(dir.resolve("model.safetensors"), w, DType.F32, Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w;
  }

  static HostTensor gaussian(Random r, long... shape) {
    float[] d = new float[(int) HostTensor.elementCount(shape)];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (r.nextGaussian() * 0.3);
    }
    return new HostTensor(shape, d);
  }

  static HostTensor scale(HostTensor t, float f) {
    float[] d = t.data().clone();
    for (int i = 0; i < d.length; i++) {
      d[i] *= f;
    }
    return new HostTensor(t.shape(), d);
  }
}
