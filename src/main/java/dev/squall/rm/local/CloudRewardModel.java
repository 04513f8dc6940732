package dev.squall.rm.local;

import dev.squall.Seeds;
import dev.squall.Versions;
import dev.squall.model.generation.Generation;
import dev.squall.model.generation.GenerationConfig;
import dev.squall.model.generation.Generator;
import dev.squall.rm.Critique;
import dev.squall.rm.CritiqueDecoding;
import dev.squall.rm.Metered;
import dev.squall.rm.ModelInfo;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardModelKind;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringProvenance;
import dev.squall.rm.ScoringRequest;
import dev.squall.rm.Usage;
import dev.squall.text.TextTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A critique-out-loud reward model, as in the public CLoud code: render the conversation, open a
 * user turn with the critique prefix, generate the critique (greedy by default, repetition
 * penalty 1.01, stopping at end-of-turn or EOS), decode and strip it, append the end-of-turn
 * token, and read the reward head at the last token. With {@code samples > 1} it samples that
 * many critiques and averages their rewards (self-consistency), keeping every critique. A
 * critique that hits the token limit is scored as the public code does (end-of-turn appended) and
 * marked truncated. Meters (meter {@code local}) the requests scored, the tokens read (each
 * critique prompt once per sample, plus every reward forward pass) and the critique tokens
 * generated. Not thread-safe, except {@link #meters()}.
 */
public final class CloudRewardModel implements RewardModel, Metered {
  private final ModelInfo info;
  private final RewardForward forward;
  private final Generator generator;
  private final TextTokenizer tokenizer;
  private final PromptFormat format;
  private final CritiqueDecoding decoding;
  private final Set<Integer> stopTokens;
  private final ScoringProvenance provenance;
  private final LocalUsage usage = new LocalUsage();

  CloudRewardModel(
      ModelInfo info,
      RewardForward forward,
      TextTokenizer tokenizer,
      PromptFormat format,
      CritiqueDecoding decoding,
      Set<Integer> stopTokens,
      int batchSize) {
    this.info = info;
    this.forward = forward;
    this.generator = new Generator(forward.model(), batchSize);
    this.tokenizer = tokenizer;
    this.format = format;
    this.decoding = decoding;
    this.stopTokens = Set.copyOf(stopTokens);
    this.provenance =
        new ScoringProvenance(
            info.name(), info.modelHash(), RewardModelKind.CLOUD, Optional.of(decoding), Versions.squall());
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  public CritiqueDecoding decoding() {
    return decoding;
  }

  @Override
  public List<RewardResult> scoreAll(List<ScoringRequest> requests) {
    int n = decoding.samples();
    // 1. Generate critiques for requests without a given one.
    List<long[]> prompts = new ArrayList<>();
    List<Long> seeds = new ArrayList<>();
    for (ScoringRequest r : requests) {
      if (r.givenCritique().isEmpty()) {
        long[] ids = tokenizer.encode(format.critiquePrompt(r.prompt(), r.response()));
        for (int s = 0; s < n; s++) {
          prompts.add(ids);
          seeds.add(Seeds.derive(decoding.seed(), r.prompt(), r.response(), s));
        }
      }
    }
    List<Generation> generations =
        prompts.isEmpty()
            ? List.of()
            : generator.generate(
                prompts, seeds.stream().mapToLong(Long::longValue).toArray(), generationConfig());
    // 2. Assemble critiques per request, then score every (request, critique).
    List<List<Critique>> drafts = new ArrayList<>();
    List<String> rewardTexts = new ArrayList<>();
    int g = 0;
    for (ScoringRequest r : requests) {
      List<Critique> cs = new ArrayList<>();
      if (r.givenCritique().isPresent()) {
        String c = r.givenCritique().get().strip();
        cs.add(new Critique(c, false, 0, Double.NaN, true));
      } else {
        for (int s = 0; s < n; s++) {
          Generation gen = generations.get(g++);
          String c = tokenizer.decode(gen.tokens()).strip();
          cs.add(new Critique(c, gen.truncated(), gen.length(), Double.NaN, false));
        }
      }
      for (Critique c : cs) {
        rewardTexts.add(format.rewardText(r.prompt(), r.response(), c.text()));
      }
      drafts.add(cs);
    }
    List<long[]> rewardIds = tokenizer.encodeAll(rewardTexts);
    double[] rewards = forward.rewards(rewardIds);
    long generated = 0;
    for (Generation gen : generations) {
      generated += gen.length();
    }
    usage.add(requests.size(), LocalUsage.tokens(prompts) + LocalUsage.tokens(rewardIds), generated);
    List<RewardResult> out = new ArrayList<>(requests.size());
    int k = 0;
    for (List<Critique> cs : drafts) {
      List<Critique> scored = new ArrayList<>(cs.size());
      double sum = 0;
      for (Critique c : cs) {
        double r = rewards[k++];
        sum += r;
        scored.add(new Critique(c.text(), c.truncated(), c.tokens(), r, c.given()));
      }
      out.add(new RewardResult(sum / cs.size(), scored, provenance));
    }
    return out;
  }

  @Override
  public List<Usage> meters() {
    return List.of(usage.snapshot());
  }

  private GenerationConfig generationConfig() {
    return new GenerationConfig(
        decoding.maxTokens(),
        decoding.temperature(),
        decoding.topP(),
        decoding.repetitionPenalty(),
        stopTokens,
        true);
  }

  /** The text a critique continues for a request (for inspection and tests). */
  public String critiquePrompt(ScoringRequest r) {
    return format.critiquePrompt(r.prompt(), r.response());
  }

  /** The text whose last token carries the reward, for a request and a critique. */
  public String rewardText(ScoringRequest r, String critique) {
    return format.rewardText(r.prompt(), r.response(), critique);
  }

  @Override
  public void close() {
    forward.model().close();
    tokenizer.close();
  }
}
