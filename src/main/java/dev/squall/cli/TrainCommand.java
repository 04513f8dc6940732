package dev.squall.cli;

import dev.squall.train.OrganismRecipe;
import dev.squall.train.RecipeConfig;
import dev.squall.world.ListWorld.CritiqueFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code squall train}: reproduces the embedded model organisms from scratch. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Train the model organisms (policy, CLoud and classic reward models) from scratch with the"
            + " CLoud recipe; re-running into the same folder resumes.")
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", defaultValue = "target/organisms", description = "Output folder. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--quick", description = "A tiny configuration that runs in about a minute (for smoke tests; the models are not useful).")
  boolean quick;

  @Option(names = "--seed", description = "Master seed (data, initialisation, shuffling; also picks the test pairs of the"
      + " cards). Default: the shipped organisms' seed, so the command reproduces them.")
  Long seed;

  @Option(names = "--copy-weight", paramLabel = "W", description = "Critique-SFT loss weight (>= 1) of the"
      + " critique tokens that copy a list item from the response; 1 turns it off. Default: 5, as the"
      + " shipped organisms (see the cloud model card).")
  Double copyWeight;

  @Option(names = "--sft-pairs", paramLabel = "N", description = "Train-split pairs whose oracle critiques"
      + " critique SFT reads (>= the 4,000 preference pairs; 4000 reads only those, as in the paper)."
      + " Default: 36000, as the shipped organisms (see the cloud model card).")
  Integer sftPairs;

  @Option(names = "--list-critique", paramLabel = "FORMAT", description = "The list world's critique"
      + " format: seen (\"2. bread new: food (asked animal) no, letter b (asked b) yes, wrong.\", each"
      + " item marked new or seen, shipped) or marks (\"2. bread: food (asked animal), starts with b"
      + " (asked b), wrong.\", the earlier organisms'; see the cloud model card). Default: seen.")
  String listCritique;

  @Option(names = "--lookup-weight", paramLabel = "W", description = "Weight (>= 0) of the critique-SFT"
      + " attention loss that teaches the seen format's new/seen lookup (needs --list-critique seen);"
      + " 0 turns it off. Default: 0.5, as the shipped organisms.")
  Double lookupWeight;

  @Option(names = "--lookup-from", paramLabel = "STEP", description = "Critique-SFT step from which the"
      + " lookup attention loss is on. Default: 1500.")
  Integer lookupFrom;

  @Option(names = "--lookup-until", paramLabel = "STEP", description = "Critique-SFT step at which the"
      + " lookup attention loss goes off again, so the rest of critique SFT runs on the next-token"
      + " loss alone; 0 keeps it on to the end. Default: 2500.")
  Integer lookupUntil;

  @Override
  public Integer call() {
    OrganismRecipe.configureThreads();
    OrganismRecipe.Result r = OrganismRecipe.run(out, config(), System.err);
    PrintWriter pw = spec.commandLine().getOut();
    pw.println("cloud   " + r.cloud());
    pw.println("classic " + r.classic());
    pw.println("policy  " + r.policy());
    return ExitCodes.OK;
  }

  /** The recipe the options ask for: the shipped one (or the quick one) with the options applied. */
  RecipeConfig config() {
    RecipeConfig cfg = quick ? RecipeConfig.forTests() : RecipeConfig.defaults();
    if (seed != null) {
      cfg = cfg.withSeed(seed);
    }
    if (copyWeight != null) {
      if (!(copyWeight >= 1)) {
        throw new ParameterException(spec.commandLine(), "--copy-weight must be >= 1, got " + copyWeight);
      }
      cfg = cfg.withCopyWeight(copyWeight);
    }
    if (sftPairs != null) {
      if (sftPairs < cfg.trainPairs()) {
        throw new ParameterException(spec.commandLine(),
            "--sft-pairs must be >= the " + cfg.trainPairs() + " preference pairs, got " + sftPairs);
      }
      cfg = cfg.withSftPairs(sftPairs);
    }
    if (listCritique != null) {
      CritiqueFormat f = switch (listCritique) {
        case "marks" -> CritiqueFormat.MARKS;
        case "seen" -> CritiqueFormat.SEEN;
        default -> throw new ParameterException(spec.commandLine(),
            "--list-critique must be marks or seen, got " + listCritique);
      };
      if (f == CritiqueFormat.MARKS) {
        cfg = cfg.withLookup(0, 0, 0); // the lookup loss needs the seen format's marks
      }
      cfg = cfg.withListCritique(f);
    }
    if (lookupWeight != null || lookupFrom != null || lookupUntil != null) {
      double w = lookupWeight != null ? lookupWeight : cfg.lookupWeight();
      int from = lookupFrom != null ? lookupFrom : cfg.lookupFrom();
      int until = lookupUntil != null ? lookupUntil : cfg.lookupUntil();
      if (!(w >= 0) || from < 0) {
        throw new ParameterException(spec.commandLine(),
            "--lookup-weight and --lookup-from must be >= 0, got " + w + " and " + from);
      }
      if (until != 0 && until <= from) {
        throw new ParameterException(spec.commandLine(),
            "--lookup-until must be 0 or after --lookup-from (" + from + "), got " + until);
      }
      if (w > 0 && cfg.listCritique() != CritiqueFormat.SEEN) {
        throw new ParameterException(spec.commandLine(), "--lookup-weight needs --list-critique seen");
      }
      cfg = cfg.withLookup(w, from, until);
    }
    return cfg;
  }
}
