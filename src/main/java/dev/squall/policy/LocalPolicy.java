package dev.squall.policy;

import dev.squall.ConfigException;
import dev.squall.Seeds;
import dev.squall.model.ModelFormatException;
import dev.squall.model.generation.Generation;
import dev.squall.model.generation.GenerationConfig;
import dev.squall.model.generation.Generator;
import dev.squall.model.hf.ModelFolder;
import dev.squall.model.hf.ModelLayout;
import dev.squall.model.llama.LlamaConfig;
import dev.squall.model.llama.LlamaModel;
import dev.squall.model.safetensors.WeightStore;
import dev.squall.rm.local.LocalModels;
import dev.squall.text.ChatMessage;
import dev.squall.text.ChatTemplate;
import dev.squall.text.TextTokenizer;
import dev.squall.text.TokenizerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * A {@link CandidatePolicy} backed by a local {@code LlamaForCausalLM} folder (e.g. the embedded
 * {@code policy} organism, {@code EmbeddedModels.resolve("policy")}).
 *
 * <p>{@link #sample} renders {@code [user: prompt]} with the folder's chat template and the
 * generation prompt, then decodes {@code n} continuations in batches with {@link Generator}:
 * temperature as given, top-p 1, no repetition penalty, stopping at {@code <|eot_id|>}, the
 * tokenizer's EOS and the config's EOS ids. Sample {@code i} is seeded with {@code
 * Seeds.derive(seed, prompt, i)}, so a sample does not depend on {@code n} or batch size. The
 * decoded text (stop token excluded) is stripped.
 *
 * <p>Not thread-safe: it drives one native model. {@link #close()} frees the model and tokenizer.
 */
public final class LocalPolicy implements CandidatePolicy {
  /** Default bound on generated tokens per sample. */
  public static final int DEFAULT_MAX_NEW_TOKENS = 64;

  /** Default generation batch size. */
  public static final int DEFAULT_MAX_BATCH = 16;

  private final String name;
  private final LlamaModel model;
  private final TextTokenizer tokenizer;
  private final ChatTemplate template;
  private final Generator generator;
  private final Set<Integer> stopTokens;
  private final int maxNewTokens;
  private boolean closed;

  private LocalPolicy(
      String name, LlamaModel model, TextTokenizer tokenizer, ChatTemplate template,
      Set<Integer> stopTokens, int maxNewTokens, int maxBatch) {
    this.name = name;
    this.model = model;
    this.tokenizer = tokenizer;
    this.template = template;
    this.generator = new Generator(model, maxBatch);
    this.stopTokens = Set.copyOf(stopTokens);
    this.maxNewTokens = maxNewTokens;
  }

  /** {@link #load(Path, int, int)} with the default token bound and batch size. */
  public static LocalPolicy load(Path dir) {
    return load(dir, DEFAULT_MAX_NEW_TOKENS, DEFAULT_MAX_BATCH);
  }

  /**
   * Loads the causal LM in {@code dir}.
   *
   * @param maxNewTokens upper bound on generated tokens per sample (≥ 1)
   * @param maxBatch samples decoded together (≥ 1)
   * @throws ConfigException when the folder holds a reward model rather than a causal LM
   * @throws ModelFormatException when a file is malformed, a tensor is missing or there is no
   *     stop token
   */
  public static LocalPolicy load(Path dir, int maxNewTokens, int maxBatch) {
    if (maxNewTokens < 1) {
      throw new IllegalArgumentException("maxNewTokens must be >= 1, got " + maxNewTokens);
    }
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
    }
    ModelFolder folder = ModelFolder.open(dir);
    ModelLayout layout = folder.layout();
    if (layout != ModelLayout.CAUSAL_LM) {
      throw new ConfigException(
          dir + " holds a " + layout.description() + ", not a LlamaForCausalLM policy");
    }
    LlamaConfig cfg = folder.llama();
    TokenizerConfig tokCfg = folder.tokenizerConfig();
    TextTokenizer tokenizer = TextTokenizer.load(folder.tokenizerJson());
    LlamaModel model = null;
    try (WeightStore weights = WeightStore.open(dir)) {
      model = LlamaModel.load(cfg, weights::require, layout.trunkPrefix(), layout.lmHeadName());
      ChatTemplate template = ChatTemplate.forConfig(tokCfg, Clock.systemUTC());
      return new LocalPolicy(
          folder.name(), model, tokenizer, template, LocalModels.stopTokens(cfg, tokCfg, tokenizer),
          maxNewTokens, maxBatch);
    } catch (RuntimeException e) {
      if (model != null) {
        model.close();
      }
      tokenizer.close();
      throw e;
    }
  }

  @Override
  public String name() {
    return name;
  }

  /** The ids that end a sample. */
  public Set<Integer> stopTokens() {
    return stopTokens;
  }

  public int maxNewTokens() {
    return maxNewTokens;
  }

  /** The text the model continues for {@code prompt}. */
  public String renderPrompt(String prompt) {
    return template.render(List.of(ChatMessage.user(prompt)), true);
  }

  @Override
  public List<String> sample(String prompt, int n, double temperature, long seed) {
    if (closed) {
      throw new IllegalStateException("policy " + name + " is closed");
    }
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    if (n == 0) {
      return List.of();
    }
    long[] ids = tokenizer.encode(renderPrompt(prompt));
    if (ids.length == 0) {
      throw new IllegalArgumentException("prompt renders to no tokens");
    }
    GenerationConfig cfg =
        new GenerationConfig(maxNewTokens, temperature, 1.0, 1.0, stopTokens, true);
    long[] seeds = new long[n];
    for (int i = 0; i < n; i++) {
      seeds[i] = Seeds.derive(seed, prompt, i);
    }
    List<Generation> gens = generator.generate(Collections.nCopies(n, ids), seeds, cfg);
    List<String> out = new ArrayList<>(n);
    for (Generation g : gens) {
      out.add(tokenizer.decode(g.tokens()).strip());
    }
    return out;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      model.close();
      tokenizer.close();
    }
  }
}
