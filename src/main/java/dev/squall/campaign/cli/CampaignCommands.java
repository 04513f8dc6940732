package dev.squall.campaign.cli;

import dev.squall.ConfigException;
import dev.squall.campaign.config.CampaignConfig;
import dev.squall.campaign.config.CampaignParser;
import dev.squall.campaign.run.CampaignRunner;
import dev.squall.campaign.run.ModelProvider;
import dev.squall.campaign.run.PolicyProvider;
import dev.squall.campaign.run.Reports;
import dev.squall.campaign.run.RunDiff;
import dev.squall.campaign.run.RunMerge;
import dev.squall.campaign.run.Shards;
import dev.squall.campaign.run.Stages;
import dev.squall.campaign.store.RunStore;
import dev.squall.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The campaign subcommands: validate, run, report, diff, runs, merge. */
public final class CampaignCommands {
  private CampaignCommands() {}

  /**
   * The models {@code squall run} opens. Tests (and embedders) may replace it, e.g. with fake
   * models in a child JVM; the CLI default loads embedded models and local folders.
   */
  public static volatile ModelProvider modelProvider = ModelProvider.local();

  /** Opens the best-of-N policy (tests replace it with fakes, like {@link #modelProvider}). */
  public static volatile PolicyProvider policyProvider = PolicyProvider.local();

  /** {@code squall validate FILE}. */
  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = "Check a campaign file without running it (exit 0 valid, 2 invalid).")
  public static final class Validate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Campaign file (.json).")
    Path file;

    @Override
    public Integer call() {
      CampaignConfig c = CampaignParser.read(file, Stages.knownAttacks());
      int stages = Stages.build(c, java.util.Optional.empty()).size();
      spec.commandLine().getOut().printf("%s: valid campaign '%s': %d models, %d datasets, %d evaluators (%d stages),"
          + " %d thresholds%n", file, c.name(), c.models().size(), c.datasets().size(), c.evaluators().size(),
          stages, c.thresholds().size());
      return ExitCodes.OK;
    }
  }

  /** {@code squall run}. */
  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Run a campaign (or resume one) and write the run store, summary.json, results.jsonl and"
          + " junit.xml. Exit 0: all thresholds met; 3: a threshold not met; 2: usage/config error; 1: failure.")
  public static final class Run implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Campaign file (.json).")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default reports/<campaign>-<timestamp>).")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Resume the run in RUN_DIR (campaign and settings from its store).")
    Path resume;

    @Option(names = "--max-items", paramLabel = "N", description = "Cap items per split of every stage.")
    Integer maxItems;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "Models processed concurrently. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--shard", paramLabel = "i/n", description = "Run only shard i of n (items split by a hash of their id).")
    String shard;

    @Option(names = "--cache", paramLabel = "FILE", description = "Call-cache file (default: .cache.sqlite beside the run directory).")
    Path cache;

    @Option(names = "--quiet", description = "No progress lines.")
    boolean quiet;

    @Override
    public Integer call() {
      PrintWriter o = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (maxItems != null && maxItems < 1) {
        throw new ConfigException("--max-items: found " + maxItems + "; allowed: an integer >= 1");
      }
      if (threads < 1) {
        throw new ConfigException("--threads: found " + threads + "; allowed: an integer >= 1");
      }
      Shards shards = shard == null ? Shards.ALL : Shards.parse(shard);
      CampaignRunner.Options opts = CampaignRunner.Options.defaults()
          .withModels(modelProvider).withPolicies(policyProvider).withMaxItems(maxItems).withShards(shards).withThreads(threads)
          .withCache(cache).withProgress(quiet ? null : err)
          .withArgs(String.join(" ", spec.commandLine().getParseResult().originalArgs()));
      CampaignRunner.Outcome outcome;
      if (resume != null) {
        if (file != null || out != null) {
          throw new ConfigException("--resume RUN_DIR takes the campaign and directory from the run; give no FILE or --out");
        }
        err.println("squall: resuming " + resume);
        outcome = CampaignRunner.resume(resume, opts);
      } else {
        if (file == null) {
          throw new ConfigException("give a campaign FILE, or --resume RUN_DIR");
        }
        CampaignConfig c = CampaignParser.read(file, Stages.knownAttacks());
        Path dir = out != null ? out : defaultRunDir(c.name(), shards);
        err.println("squall: run directory " + dir);
        outcome = CampaignRunner.start(c, dir, opts);
      }
      Reports.printTable(outcome.report(), o);
      o.printf("run %s: %d model calls, %d cache hits this session; outputs in %s%n",
          outcome.runDir().getFileName(), outcome.modelCalls(), outcome.cacheHits(), outcome.runDir());
      if (outcome.failedItems() > 0) {
        err.println("squall: failed: " + outcome.failedItems() + " item(s) without a result (model errors);"
            + " resume with: squall run --resume " + outcome.runDir());
        return ExitCodes.FAILURE;
      }
      return outcome.report().allMet() ? ExitCodes.OK : ExitCodes.THRESHOLD_NOT_MET;
    }
  }

  static Path defaultRunDir(String name, Shards shards) {
    String ts = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return Path.of("reports", name + "-" + ts + (shards.count() > 1 ? "-shard" + shards.index() + "of" + shards.count() : ""));
  }

  /** {@code squall report RUN}. */
  @Command(name = "report", mixinStandardHelpOptions = true,
      description = "Regenerate summary.json, results.jsonl and junit.xml of a run from its store (exit 0/3 as run).")
  public static final class Report implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR")
    Path run;

    @Override
    public Integer call() {
      try (RunStore s = RunStore.openExisting(run)) {
        Reports.Result r = Reports.write(run, s);
        Reports.printTable(r, spec.commandLine().getOut());
        return r.allMet() ? ExitCodes.OK : ExitCodes.THRESHOLD_NOT_MET;
      }
    }
  }

  /** {@code squall diff RUN_A RUN_B}. */
  @Command(name = "diff", mixinStandardHelpOptions = true,
      description = "Compare the same items across two runs (McNemar on per-item correctness, paired difference B - A).")
  public static final class Diff implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_A")
    Path a;

    @Parameters(index = "1", paramLabel = "RUN_B")
    Path b;

    @Option(names = "--level", defaultValue = "0.95", description = "Interval level. Default: ${DEFAULT-VALUE}.")
    double level;

    @Option(names = "--alpha", defaultValue = "0.05", description = "McNemar significance for a regression. Default: ${DEFAULT-VALUE}.")
    double alpha;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the comparison as JSON.")
    Path json;

    @Option(names = "--fail-on-regression", description = "Exit 3 when B is significantly worse than A somewhere.")
    boolean failOnRegression;

    @Override
    public Integer call() throws IOException {
      try (RunStore sa = RunStore.openExisting(a); RunStore sb = RunStore.openExisting(b)) {
        List<RunDiff.Entry> entries = RunDiff.compare(sa, sb, level, alpha);
        if (entries.isEmpty()) {
          throw new ConfigException("runs " + a + " and " + b + " share no (stage, model, item)");
        }
        spec.commandLine().getOut().print(RunDiff.format(entries, 10));
        spec.commandLine().getOut().flush();
        if (json != null) {
          Files.writeString(json, RunDiff.toJson(entries).toPrettyString());
        }
        boolean regression = entries.stream().anyMatch(RunDiff.Entry::significantRegression);
        return failOnRegression && regression ? ExitCodes.THRESHOLD_NOT_MET : ExitCodes.OK;
      }
    }
  }

  /** {@code squall runs [DIR]}. */
  @Command(name = "runs", mixinStandardHelpOptions = true, description = "List runs under DIR (default reports) with their provenance.")
  public static final class Runs implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = "reports")
    Path dir;

    @Override
    public Integer call() throws IOException {
      PrintWriter o = spec.commandLine().getOut();
      if (!Files.isDirectory(dir)) {
        o.println("no runs: " + dir + " does not exist");
        return ExitCodes.OK;
      }
      o.printf("%-44s %-18s %-9s %-24s %-6s %8s %-12s %s%n", "run", "campaign", "status", "created", "shard", "rows",
          "squall", "models");
      try (Stream<Path> s = Files.list(dir)) {
        for (Path p : s.sorted().toList()) {
          if (!Files.isRegularFile(p.resolve(RunStore.FILE))) {
            continue;
          }
          try (RunStore st = RunStore.open(p)) {
            Map<String, String> m = st.meta();
            String version = "";
            try {
              version = new com.fasterxml.jackson.databind.ObjectMapper().readTree(m.getOrDefault("versions", "{}"))
                  .path("squall").asText();
            } catch (IOException ignored) {
              // leave blank
            }
            String models = String.join(" ", st.models().stream()
                .map(x -> x.name() + ":" + x.modelHash().substring(0, Math.min(12, x.modelHash().length()))).toList());
            o.printf("%-44s %-18s %-9s %-24s %-6s %8d %-12s %s%n", p.getFileName(), m.get("campaign_name"),
                m.get("status"), m.get("created"), m.get("shard"), st.countRows(null), version, models);
          }
        }
      }
      return ExitCodes.OK;
    }
  }

  /** {@code squall merge RUN... --out DIR}. */
  @Command(name = "merge", mixinStandardHelpOptions = true, description = "Merge the shard runs of one campaign into a new run.")
  public static final class Merge implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR")
    List<Path> runs;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Override
    public Integer call() {
      Reports.Result r = RunMerge.merge(runs, out);
      Reports.printTable(r, spec.commandLine().getOut());
      return r.allMet() ? ExitCodes.OK : ExitCodes.THRESHOLD_NOT_MET;
    }
  }
}
