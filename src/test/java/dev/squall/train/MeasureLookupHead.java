package dev.squall.train;

import ai.djl.ndarray.NDManager;
import dev.squall.model.HostTensor;
import dev.squall.model.TensorSource;
import dev.squall.model.hf.EmbeddedModels;
import dev.squall.model.hf.ModelFolder;
import dev.squall.model.hf.ModelLayout;
import dev.squall.model.llama.AttentionTap;
import dev.squall.model.llama.LlamaConfig;
import dev.squall.model.llama.LlamaModel;
import dev.squall.model.llama.TokenBatch;
import dev.squall.model.safetensors.SafetensorsFile;
import dev.squall.rm.local.TrainingFormat;
import dev.squall.text.TextTokenizer;
import dev.squall.text.TokenizerConfig;
import dev.squall.world.ListWorld;
import dev.squall.world.SeenMark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Where a CLoud model's last-layer heads look from the list items of oracle critiques (not a test
 * of anything; the cloud card quotes its output). For the list test responses with a repeated item,
 * it reads each head's attention from every item's last token: for a repeat, the mass on the marks
 * after the earlier copies, on the item itself and on the first token; for a new item, the mass on
 * any earlier mark, itself and the first token. A formed lookup puts most of a repeat's mass on the
 * earlier mark. Run with {@code -Dgroups=slow -Dtest.excludedGroups= -Dsquall.measure=true
 * -Dtest=MeasureLookupHead} ({@code -Dmodel=DIR} for a CLoud folder other than the embedded
 * {@code cloud}; {@code -Dn} test pairs, {@code -Dseed}).
 */
@Tag("slow")
@EnabledIfSystemProperty(named = "squall.measure", matches = "true")
class MeasureLookupHead {
  @Test
  void measure() {
    int n = Integer.getInteger("n", 1000);
    long seed = Long.getLong("seed", 99);
    String model = System.getProperty("model");
    Path dir = model == null ? EmbeddedModels.resolve("cloud") : Path.of(model);
    WorldOrganisms world = WorldOrganisms.all(ListWorld.CritiqueFormat.SEEN);
    LlamaConfig lc = ModelFolder.open(dir).llama();
    Map<String, HostTensor> w = new LinkedHashMap<>();
    try (SafetensorsFile f = SafetensorsFile.open(dir.resolve("model.safetensors"))) {
      for (String name : f.names()) {
        w.put(name, f.read(name));
      }
    }
    try (TextTokenizer tok = TextTokenizer.load(dir.resolve("tokenizer.json"));
        LlamaModel m = LlamaModel.load(lc, TensorSource.of(w),
            ModelLayout.CLOUD_TEACHER.trunkPrefix(), ModelLayout.CLOUD_TEACHER.lmHeadName());
        NDManager nd = NDManager.newBaseManager()) {
      TrainingFormat fmt =
          TrainingFormat.of(TokenizerConfig.read(dir.resolve("tokenizer_config.json")), tok);
      LookupSupervision ls = new LookupSupervision(tok);
      List<long[]> seqs = new ArrayList<>();
      List<LookupSupervision.Targets> targets = new ArrayList<>();
      for (OrganismPair p : world.pairs(true, n, seed)) {
        for (String[] rc : List.of(new String[] {p.chosen(), p.chosenCritique()},
            new String[] {p.rejected(), p.rejectedCritique()})) {
          List<SeenMark> marks = world.seenMarks(p.prompt(), rc[1]);
          if (marks.stream().noneMatch(SeenMark::seen)) {
            continue;
          }
          List<Integer> from = new ArrayList<>();
          OrganismRecipe.addCritiqueExample(fmt, tok, p.prompt(), rc[0], rc[1], seqs, from);
          targets.add(ls.locate(seqs.get(seqs.size() - 1), from.get(0), rc[1], marks));
        }
      }
      int heads = lc.numHeads();
      List<AttentionTap> taps = new ArrayList<>();
      for (int h = 0; h < heads; h++) {
        taps.add(new AttentionTap(lc.numLayers() - 1, h));
      }
      double[][] sum = new double[heads][6];
      int repeats = 0;
      int fresh = 0;
      for (int i0 = 0; i0 < seqs.size(); i0 += 16) {
        List<long[]> rows = seqs.subList(i0, Math.min(seqs.size(), i0 + 16));
        TokenBatch b = TokenBatch.leftPadded(rows);
        try (NDManager sub = nd.newSubManager()) {
          m.forward(sub, b, null, taps);
          int t = b.length();
          float[][] probs = new float[heads][];
          for (int h = 0; h < heads; h++) {
            probs[h] = taps.get(h).probabilities().toFloatArray();
          }
          for (int r = 0; r < rows.size(); r++) {
            LookupSupervision.Targets g = targets.get(i0 + r);
            int pad = t - rows.get(r).length;
            for (int k = 0; k < g.items().length; k++) {
              boolean repeat = g.repeat()[k];
              repeats += repeat ? 1 : 0;
              fresh += repeat ? 0 : 1;
              int row = (r * t + pad + g.items()[k]) * t;
              for (int h = 0; h < heads; h++) {
                float[] p = probs[h];
                double look = 0;
                if (repeat) {
                  for (int key : g.lookupKeys()[k]) {
                    look += p[row + pad + key];
                  }
                } else {
                  for (int j = 0; j < k; j++) {
                    look += p[row + pad + g.marks()[j]];
                  }
                }
                int o = repeat ? 0 : 3;
                sum[h][o] += look;
                sum[h][o + 1] += p[row + pad + g.items()[k]];
                sum[h][o + 2] += p[row + pad];
              }
            }
          }
        }
      }
      System.out.printf(Locale.ROOT, "%s: %d list critiques with a repeat, %d repeated and %d new"
          + " items (test pairs %d, seed %d)%n", dir, seqs.size(), repeats, fresh, n, seed);
      System.out.println("head | repeat: on the earlier copy's mark, itself, first token"
          + " | new item: on any earlier mark, itself, first token");
      for (int h = 0; h < heads; h++) {
        double[] s = sum[h];
        System.out.printf(Locale.ROOT, "%d.%d | %.3f %.3f %.3f | %.3f %.3f %.3f%n",
            lc.numLayers() - 1, h, s[0] / repeats, s[1] / repeats, s[2] / repeats,
            s[3] / fresh, s[4] / fresh, s[5] / fresh);
      }
    }
  }
}
