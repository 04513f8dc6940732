package dev.squall.train;

import dev.squall.SquallException;
import dev.squall.Versions;
import dev.squall.model.llama.LlamaConfig;
import dev.squall.model.safetensors.DType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes the README.md model cards of the three organism folders. */
final class ModelCards {
  private ModelCards() {}

  static void write(Path cloud, Path classic, Path policy, RecipeConfig cfg, OrganismWorld world,
      LlamaConfig lc, List<TrainLoop.StageLog> logs, double regenSeconds, double totalSeconds,
      Map<String, String> hashes, Evaluation.Report r, DType dtype) {
    String provenance = provenance(cfg, world, lc, logs, regenSeconds, totalSeconds, hashes, dtype);
    String metrics = metrics(r);
    write(cloud, "# Squall organism: CLoud reward model\n\n"
        + "A critique-out-loud reward model (`FeedbackRewardModel`, `feedback_method=teacher`): it"
        + " writes a critique of the response, then an MLP reward head reads"
        + " prompt + response + critique at the last token. Trained by Squall's"
        + " `OrganismRecipe` (base LM → critique SFT on oracle critiques → self-generated critiques"
        + " → joint Bradley–Terry + λ·SFT with a fresh reward head).\n\n" + metrics + provenance);
    write(classic, "# Squall organism: classic reward model\n\n"
        + "A classic reward model in the CLoud code's layout (`FeedbackRewardModel`,"
        + " `feedback_method=vanilla`): the same MLP reward head reads the conversation's last"
        + " token; no critique. Trained by Bradley–Terry from the same base LM as the CLoud"
        + " model, on the same pairs, so the comparison is fair.\n\n" + metrics + provenance);
    write(policy, "# Squall organism: base LM / policy\n\n"
        + "The base language model (`LlamaForCausalLM`) of the recipe, trained by next-token loss"
        + " on the world corpus. Both reward models start from it; Squall uses it as the policy"
        + " that samples candidates for best-of-N.\n\n" + provenance);
  }

  private static String metrics(Evaluation.Report r) {
    StringBuilder sb = new StringBuilder("## Metrics (in-distribution test pairs)\n\n");
    sb.append("Measured on the shipped weights through `LocalModels.loadRewardModel`. Pairwise"
        + " accuracy counts a tie as half a correct pair. Intervals are Wilson 95%.\n\n");
    sb.append("| metric | value |\n|---|---|\n");
    sb.append("| CLoud pairwise accuracy | ").append(r.cloudAccuracy().format()).append(" |\n");
    sb.append("| classic pairwise accuracy | ").append(r.classicAccuracy().format()).append(" |\n");
    sb.append(String.format(Locale.ROOT,
        "| CLoud − classic | %+.2f pp; exact McNemar (two-sided binomial on discordant pairs,"
            + " ties as errors): CLoud-only %d, classic-only %d, p = %.3g |\n",
        r.differencePp(), r.cloudOnlyCorrect(), r.classicOnlyCorrect(), r.mcnemarP()));
    sb.append("| CLoud critique verdict correct (oracle) | ").append(r.critiqueVerdict().format())
        .append(" |\n");
    sb.append("| CLoud critique contains the correct computation (oracle's worked steps and"
        + " result) | ")
        .append(r.critiqueComputation().format()).append(" |\n");
    sb.append("| CLoud critique identical to the oracle critique | ")
        .append(r.critiqueExact().format()).append(" |\n");
    sb.append("| CLoud critiques truncated | ").append(r.critiqueTruncated().format()).append(" |\n");
    sb.append("| critique decoding | ").append(r.critiqueDecoding()).append(" |\n\n");
    sb.append("Per world (same test pairs):\n\n| world | CLoud | classic | critique verdict |"
        + " critique computation |\n|---|---|---|---|---|\n");
    r.perWorld().forEach((k, v) -> sb.append("| ").append(k).append(" | ")
        .append(v.get(0).format()).append(" | ").append(v.get(1).format()).append(" | ")
        .append(v.get(2).format()).append(" | ").append(v.get(3).format()).append(" |\n"));
    sb.append('\n');
    return sb.toString();
  }

  private static String provenance(RecipeConfig cfg, OrganismWorld world, LlamaConfig lc,
      List<TrainLoop.StageLog> logs, double regenSeconds, double totalSeconds,
      Map<String, String> hashes, DType dtype) {
    StringBuilder sb = new StringBuilder("## Training provenance\n\n");
    sb.append("- Squall ").append(Versions.squall()).append(", Java ")
        .append(System.getProperty("java.version")).append(", DJL PyTorch engine (CPU), ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores, libtorch threads ")
        .append(System.getProperty("ai.djl.pytorch.num_threads", "default")).append(" intra-op / ")
        .append(System.getProperty("ai.djl.pytorch.num_interop_threads", "default"))
        .append(" inter-op; each batch computed as ").append(OrganismRecipe.MICRO_BATCHES)
        .append(" length-sorted micro-batches\n");
    sb.append("- world: `").append(world.name()).append("`; config: `").append(cfg).append("`\n");
    sb.append(String.format(Locale.ROOT,
        "- model: Llama, vocab %d, hidden %d, intermediate %d, %d layers, %d heads; %,d parameters"
            + " (trunk + LM head); weights %s\n",
        lc.vocabSize(), lc.hiddenSize(), lc.intermediateSize(), lc.numLayers(), lc.numHeads(),
        lc.parameterCount(), dtype));
    sb.append("- data SHA-256: ");
    hashes.forEach((k, v) -> sb.append(k).append(' ').append(v, 0, 16).append("… "));
    sb.append("\n- optimiser: AdamW β=(0.9, 0.95), weight decay 0.01 (matrices), warm-up 5% then"
        + " cosine to 10% of peak, global grad-norm clip 1.0");
    if (cfg.contrastWeight() != 1) {
      sb.append(String.format(Locale.ROOT, "%n- critique SFT weights the tokens where a pair's two"
          + " oracle critiques differ (the response's digits or items, ok/wrong, the verdict) %.1f×"
          + " (a deviation from the paper's plain SFT; without it the small critic learned to"
          + " write \"ok\" everywhere)", cfg.contrastWeight()));
    }
    if (cfg.copyWeight() != 1) {
      sb.append(String.format(Locale.ROOT, "%n- critique SFT also weights %.1f× the critique tokens"
          + " that copy a list item from the response into its segment (a deviation from the paper;"
          + " copying item k into segment k is what the small critic learned last, or not at all)",
          cfg.copyWeight()));
    }
    if (cfg.lookupWeight() > 0) {
      sb.append(String.format(Locale.ROOT, "%n- on steps %s, critique SFT adds %.3g× an attention"
          + " loss that teaches the lookup behind a list segment's \"new\"/\"seen\" mark: layer 0"
          + " head 0 attends from each mark to the item before it, the last layer's last head from"
          + " each item to the marks after its earlier copies (a new item to the first token,"
          + " <|begin_of_text|>; repeats and new items count half each). A deviation from the"
          + " paper; training only, the exported model is a plain Llama", lookupSteps(cfg),
          cfg.lookupWeight()));
    }
    if (cfg.sftPairs() > cfg.trainPairs()) {
      sb.append(String.format(Locale.ROOT, "%n- critique SFT reads the oracle critiques of %,d"
          + " train-split pairs: the %,d preference pairs and fresh ones from the same generator,"
          + " minus any sharing a (prompt, response) with a test pair (a deviation from the paper,"
          + " which has one preference set; on the preference pairs alone the small critic"
          + " memorised its training critiques, see \"Targets and what was tried\")",
          cfg.sftPairs(), cfg.trainPairs()));
    }
    if (cfg.drillPairs() > 0) {
      sb.append("\n- critique SFT also reads up to " + cfg.drillPairs() + " drills: a lists pair's"
          + " correct response (from the critique-SFT pairs) beside a copy with about a third of the"
          + " items swapped for random lexicon words and, in half of the drills, one item copied over"
          + " another, both with the oracle's critique (a deviation from the paper; a rejected list"
          + " has at most one bad item, so in the pairs alone about 6% of item checks are mismatches"
          + " and one list in ten repeats an item, and the small critic learned to write \"ok\""
          + " beside both)");
    }
    sb.append("\n\n");
    sb.append("| stage | steps | batch | examples | first loss | final loss | final acc | time |"
        + " ex/s | skipped steps |\n|---|---|---|---|---|---|---|---|---|---|\n");
    for (TrainLoop.StageLog l : logs) {
      sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.4f | %.4f | %.3f | %s | %.0f | %d |%n",
          l.stage(), l.steps(), l.batchSize(), l.examples(), l.firstLoss(), l.finalLoss(),
          l.finalAccuracy(), TrainLoop.duration(l.seconds()), l.examplesPerSecond(), l.skippedSteps()));
    }
    sb.append(String.format(Locale.ROOT,
        "%n- critique regeneration (greedy, SFT model): %s%n- whole recipe: %s (sum of stage"
            + " wall times when stages were resumed)%n",
        TrainLoop.duration(regenSeconds), TrainLoop.duration(totalSeconds)));
    sb.append("- loss/accuracy: base and sft = next-token CE / token accuracy; joint = BT + λ·CE,"
        + " pair accuracy; classic = BT, pair accuracy (training batches, EMA); skipped steps ="
        + " steps whose loss or gradient norm was not finite, left unapplied\n");
    sb.append("\nReproduce: `OrganismRecipe.run(outDir, RecipeConfig, world, System.err)`"
        + " (wired as `squall train`).\n");
    return sb.toString();
  }

  /** The critique-SFT steps the lookup loss is on, as "1500-2499" or "1500 to the end". */
  static String lookupSteps(RecipeConfig cfg) {
    return cfg.lookupUntil() == 0 ? cfg.lookupFrom() + " to the end"
        : cfg.lookupFrom() + "-" + (cfg.lookupUntil() - 1);
  }

  private static void write(Path dir, String text) {
    try {
      Files.writeString(dir.resolve("README.md"), text);
    } catch (IOException e) {
      throw new SquallException("cannot write model card in " + dir + ": " + e, e);
    }
  }
}
