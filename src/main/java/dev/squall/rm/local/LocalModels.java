package dev.squall.rm.local;

import dev.squall.ConfigException;
import dev.squall.model.ModelFormatException;
import dev.squall.model.hf.ModelFolder;
import dev.squall.model.hf.ModelLayout;
import dev.squall.model.llama.LlamaConfig;
import dev.squall.model.llama.LlamaModel;
import dev.squall.model.safetensors.WeightStore;
import dev.squall.rm.ModelInfo;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardModelKind;
import dev.squall.text.ChatTemplate;
import dev.squall.text.TextTokenizer;
import dev.squall.text.TokenizerConfig;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** Loads reward models from local Hugging Face model folders. */
public final class LocalModels {
  private LocalModels() {}

  /**
   * Loads the reward model in {@code dir}: classic for {@code LlamaForSequenceClassification} and
   * CLoud {@code vanilla}, critique-out-loud for CLoud {@code teacher}.
   *
   * @throws ConfigException when the folder holds a model with no reward head
   * @throws ModelFormatException when a file is malformed or a tensor is missing
   */
  public static RewardModel loadRewardModel(Path dir, LoadOptions options) {
    ModelFolder folder = ModelFolder.open(dir, options.baseConfig().orElse(null));
    ModelLayout layout = folder.layout();
    if (!layout.isRewardModel()) {
      throw new ConfigException(
          dir + " holds a " + layout.description() + " (a base LM or policy) with no reward head");
    }
    LlamaConfig cfg = folder.llama();
    TokenizerConfig tokCfg = folder.tokenizerConfig();
    TextTokenizer tokenizer = TextTokenizer.load(folder.tokenizerJson());
    LlamaModel model = null;
    try (WeightStore weights = WeightStore.open(dir)) {
      boolean cloud = layout == ModelLayout.CLOUD_TEACHER;
      model =
          LlamaModel.load(cfg, weights::require, layout.trunkPrefix(), cloud ? layout.lmHeadName() : null);
      ScoreHead head =
          layout == ModelLayout.SEQUENCE_CLASSIFICATION
              ? ScoreHead.Linear.load(model, weights::require)
              : ScoreHead.Mlp.load(model, weights::require);
      RewardForward forward = new RewardForward(model, head, options.batchSize());
      PromptFormat format =
          new PromptFormat(ChatTemplate.forConfig(tokCfg, options.clock()), tokCfg, tokenizer);
      ModelInfo info =
          new ModelInfo(
              folder.name(),
              cloud ? RewardModelKind.CLOUD : RewardModelKind.CLASSIC,
              layout.description(),
              folder.hash(),
              cfg.parameterCount() + head.parameters() - (cloud ? 0 : lmHeadParameters(cfg)));
      if (!cloud) {
        return new ClassicRewardModel(info, forward, tokenizer, format);
      }
      return new CloudRewardModel(
          info, forward, tokenizer, format, options.decoding(), stopTokens(cfg, tokCfg, tokenizer),
          options.batchSize());
    } catch (RuntimeException e) {
      if (model != null) {
        model.close();
      }
      tokenizer.close();
      throw e;
    }
  }

  private static long lmHeadParameters(LlamaConfig c) {
    return c.tieWordEmbeddings() ? 0 : (long) c.vocabSize() * c.hiddenSize();
  }

  /** End-of-turn, the tokenizer's EOS and the config's EOS ids: generated EOS counts as a stop. */
  public static Set<Integer> stopTokens(LlamaConfig cfg, TokenizerConfig tokCfg, TextTokenizer tok) {
    Set<Integer> stops = new HashSet<>(cfg.eosTokenIds());
    for (String t : new String[] {"<|eot_id|>", tokCfg.eosToken()}) {
      if (t != null && tok.tokenId(t) >= 0) {
        stops.add(tok.tokenId(t));
      }
    }
    if (stops.isEmpty()) {
      throw new ModelFormatException(
          "no stop token: config.json has no eos_token_id and the tokenizer has neither <|eot_id|>"
              + " nor an eos_token");
    }
    return stops;
  }
}
