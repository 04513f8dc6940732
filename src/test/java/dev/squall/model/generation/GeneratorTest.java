package dev.squall.model.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.squall.model.HostTensor;
import dev.squall.model.TensorSource;
import dev.squall.model.llama.LlamaConfig;
import dev.squall.model.llama.LlamaModel;
import dev.squall.model.llama.RandomLlamaWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GeneratorTest {
  static LlamaModel model;
  static final List<long[]> PROMPTS =
      List.of(new long[] {3, 9, 27, 4}, new long[] {8}, new long[] {40, 41, 42, 43, 44, 45, 46}, new long[] {2, 2});

  @BeforeAll
  static void load() {
    LlamaConfig c = LlamaConfig.of(50, 32, 64, 2, 4, 2);
    Map<String, HostTensor> w = RandomLlamaWeights.create(c, "model.", "lm_head.weight", 21);
    // Scale up so the random model has confident, position-dependent predictions.
    w.replaceAll((k, t) -> k.endsWith("norm.weight") ? t : scale(t, 8f));
    model = LlamaModel.load(c, TensorSource.of(w), "model.", "lm_head.weight");
  }

  @AfterAll
  static void close() {
    model.close();
  }

  static long[] seeds(int n, long base) {
    long[] s = new long[n];
    for (int i = 0; i < n; i++) {
      s[i] = base + i;
    }
    return s;
  }

  @Test
  void cachedAndRecomputedGreedyDecodingGiveSameTokens() {
    GenerationConfig cfg = GenerationConfig.greedy(24, Set.of());
    Generator g = new Generator(model, 8);
    List<Generation> cached = g.generate(PROMPTS, seeds(4, 0), cfg);
    List<Generation> recomputed = g.generate(PROMPTS, seeds(4, 0), cfg.withCache(false));
    for (int i = 0; i < PROMPTS.size(); i++) {
      assertEquals(24, cached.get(i).length());
      assertArrayEquals(recomputed.get(i).tokens(), cached.get(i).tokens(), "prompt " + i);
    }
  }

  @Test
  void batchedAndOneAtATimeGiveSameTokensGreedyAndSampled() {
    for (GenerationConfig cfg :
        List.of(
            GenerationConfig.greedy(20, Set.of()),
            new GenerationConfig(20, 0.9, 0.95, 1.1, Set.of(), true))) {
      List<Generation> batched = new Generator(model, 8).generate(PROMPTS, seeds(4, 100), cfg);
      List<Generation> single = new ArrayList<>();
      Generator one = new Generator(model, 1);
      for (int i = 0; i < PROMPTS.size(); i++) {
        single.addAll(one.generate(List.of(PROMPTS.get(i)), new long[] {100 + i}, cfg));
      }
      for (int i = 0; i < PROMPTS.size(); i++) {
        assertArrayEquals(single.get(i).tokens(), batched.get(i).tokens(), cfg + " prompt " + i);
      }
    }
  }

  @Test
  void samplingIsSeededAndSeedMatters() {
    GenerationConfig cfg = new GenerationConfig(30, 1.5, 1.0, 1.0, Set.of(), true);
    Generator g = new Generator(model, 4);
    List<long[]> same = List.of(PROMPTS.get(0), PROMPTS.get(0));
    List<Generation> a = g.generate(same, new long[] {1, 2}, cfg);
    List<Generation> b = g.generate(same, new long[] {1, 2}, cfg);
    assertArrayEquals(a.get(0).tokens(), b.get(0).tokens());
    assertArrayEquals(a.get(1).tokens(), b.get(1).tokens());
    assertFalse(java.util.Arrays.equals(a.get(0).tokens(), a.get(1).tokens()), "different seeds, same text");
  }

  @Test
  void stopTokenEndsSequenceAndIsNotReturned() {
    GenerationConfig free = GenerationConfig.greedy(12, Set.of());
    long[] greedy = new Generator(model, 1).generate(List.of(PROMPTS.get(0)), new long[] {0}, free).get(0).tokens();
    int stop = (int) greedy[5];
    int firstIdx = 0;
    while (greedy[firstIdx] != stop) {
      firstIdx++;
    }
    Generation g =
        new Generator(model, 1)
            .generate(List.of(PROMPTS.get(0)), new long[] {0}, GenerationConfig.greedy(12, Set.of(stop)))
            .get(0);
    assertEquals(stop, g.stopToken());
    assertFalse(g.truncated());
    assertArrayEquals(java.util.Arrays.copyOf(greedy, firstIdx), g.tokens());
    Generation cut = new Generator(model, 1).generate(List.of(PROMPTS.get(0)), new long[] {0}, GenerationConfig.greedy(3, Set.of())).get(0);
    assertTrue(cut.truncated());
    assertEquals(3, cut.length());
  }

  @Test
  void repetitionPenaltyChangesGreedyOutput() {
    Generator g = new Generator(model, 4);
    List<Generation> plain = g.generate(PROMPTS, seeds(4, 0), GenerationConfig.greedy(30, Set.of()));
    List<Generation> penal =
        g.generate(PROMPTS, seeds(4, 0), new GenerationConfig(30, 0, 1, 3.0, Set.of(), true));
    int distinctPlain = 0;
    int distinctPenal = 0;
    for (int i = 0; i < PROMPTS.size(); i++) {
      distinctPlain += java.util.Arrays.stream(plain.get(i).tokens()).distinct().count();
      distinctPenal += java.util.Arrays.stream(penal.get(i).tokens()).distinct().count();
    }
    assertTrue(distinctPenal > distinctPlain, distinctPenal + " <= " + distinctPlain);
  }

  @Test
  void liveArrayCountStaysFlat() {
    Generator g = new Generator(model, 4);
    GenerationConfig cfg = GenerationConfig.greedy(8, Set.of());
    g.generate(PROMPTS, seeds(4, 0), cfg);
    int before = model.liveArrayCount();
    for (int i = 0; i < 50; i++) {
      g.generate(PROMPTS, seeds(4, i), cfg);
    }
    assertEquals(before, model.liveArrayCount());
    assertNotEquals(0, before);
  }

  static HostTensor scale(HostTensor t, float f) {
    float[] d = t.data().clone();
    for (int i = 0; i < d.length; i++) {
      d[i] *= f;
    }
    return new HostTensor(t.shape(), d);
  }
}
