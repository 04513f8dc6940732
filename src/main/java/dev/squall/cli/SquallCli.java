package dev.squall.cli;

import dev.squall.ConfigException;
import dev.squall.Versions;
import dev.squall.model.ModelFormatException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code squall} command line: one class per subcommand. */
@Command(
    name = "squall",
    mixinStandardHelpOptions = true,
    versionProvider = SquallCli.VersionProvider.class,
    description = "Stress-tests reward models: critique-out-loud (CLoud) versus classic.",
    subcommands = {
      ScoreCommand.class,
      ServeCommand.class,
      InspectCommand.class,
      DatasetsCommand.class,
      TrainCommand.class,
      dev.squall.campaign.cli.CampaignCommands.Validate.class,
      dev.squall.campaign.cli.CampaignCommands.Run.class,
      dev.squall.campaign.cli.CampaignCommands.Report.class,
      dev.squall.campaign.cli.CampaignCommands.Diff.class,
      dev.squall.campaign.cli.CampaignCommands.Runs.class,
      dev.squall.campaign.cli.CampaignCommands.Merge.class,
      AttacksCommand.class,
      CommandLine.HelpCommand.class
    })
public final class SquallCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code = run(out, err, args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs the CLI with the given streams (tests capture them) and returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new SquallCli());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          if (ex instanceof ConfigException || ex instanceof ModelFormatException) {
            err.println("squall: " + ex.getMessage());
            return ExitCodes.USAGE;
          }
          err.println("squall: failed: " + ex);
          ex.printStackTrace(err);
          return ExitCodes.FAILURE;
        });
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("squall: " + ex.getMessage());
          ex.getCommandLine().usage(err);
          return ExitCodes.USAGE;
        });
    return cl.execute(args);
  }

  /** Prints Squall's version and the runtime's. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return Versions.all().entrySet().stream()
          .map(e -> e.getKey() + " " + e.getValue())
          .toArray(String[]::new);
    }
  }
}
