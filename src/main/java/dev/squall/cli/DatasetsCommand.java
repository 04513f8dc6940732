package dev.squall.cli;

import dev.squall.world.DatasetGenerator;
import dev.squall.world.Split;
import dev.squall.world.World;
import dev.squall.world.Worlds;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code squall datasets list|generate}: the synthetic worlds' datasets. */
@Command(
    name = "datasets",
    mixinStandardHelpOptions = true,
    description = "List or regenerate the synthetic worlds' datasets.",
    subcommands = {DatasetsCommand.ListCommand.class, DatasetsCommand.GenerateCommand.class})
final class DatasetsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List worlds and their splits.")
  static final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      for (World w : Worlds.all()) {
        out.printf("%-11s %s%n", w.name(), w.description());
        for (Split s : Split.values()) {
          out.printf("  %-13s %6d pairs by default -> datasets/%s/%s.jsonl%n", s.id(), s.defaultCount(), w.name(), s.id());
        }
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "generate", mixinStandardHelpOptions = true, description = "Regenerate every world's splits and cards (deterministic per seed).")
  static final class GenerateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", defaultValue = "datasets", description = "Output folder. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--seed", defaultValue = "" + DatasetGenerator.DEFAULT_SEED, description = "Seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() {
      PrintWriter pw = spec.commandLine().getOut();
      for (DatasetGenerator.SplitSummary s : DatasetGenerator.generateAll(out, seed)) {
        pw.printf("%-40s %7d rows %10d bytes%n", s.file(), s.rows(), s.bytes());
      }
      return ExitCodes.OK;
    }
  }
}
