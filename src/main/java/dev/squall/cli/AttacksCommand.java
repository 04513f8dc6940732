package dev.squall.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.attack.recipe.AttackRecipe;
import dev.squall.attack.recipe.ComponentSpec;
import dev.squall.attack.recipe.RecipeRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code squall attacks}: the attack recipes, built in or from a folder. */
@Command(
    name = "attacks",
    mixinStandardHelpOptions = true,
    description = "List and describe attack recipes.",
    subcommands = {AttacksCommand.ListCommand.class, AttacksCommand.DescribeCommand.class})
final class AttacksCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: list or describe");
  }

  /** Options shared by the subcommands. */
  static final class Source {
    @Option(names = "--dir", description = "Folder of recipe files (*.json) instead of the built-in recipes.")
    Path dir;

    @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES}.")
    ScoreCommand.OutputFormat format;

    RecipeRegistry registry() {
      return dir == null ? RecipeRegistry.builtIn() : RecipeRegistry.load(dir);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List recipes: name, family, source.")
  static final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin Source source;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      RecipeRegistry reg = source.registry();
      if (source.format == ScoreCommand.OutputFormat.json) {
        ObjectMapper m = new ObjectMapper();
        ArrayNode arr = m.createArrayNode();
        for (AttackRecipe r : reg.all()) {
          ObjectNode n = arr.addObject();
          n.put("name", r.name());
          n.put("family", r.family().id());
          n.put("source", r.source().citation());
        }
        out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(arr));
      } else {
        int w = reg.all().stream().mapToInt(r -> r.name().length()).max().orElse(4);
        int f = reg.all().stream().mapToInt(r -> r.family().id().length()).max().orElse(6);
        for (AttackRecipe r : reg.all()) {
          out.printf("%-" + w + "s  %-" + f + "s  %s et al. %d%n", r.name(), r.family().id(), r.source().firstAuthor(), r.source().year());
        }
        out.println(reg.all().size() + " attacks");
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "describe", mixinStandardHelpOptions = true, description = "Show one recipe in full.")
  static final class DescribeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin Source source;

    @Parameters(index = "0", paramLabel = "NAME", description = "Recipe name (see 'squall attacks list').")
    String name;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      AttackRecipe r = source.registry().get(name);
      ObjectMapper m = new ObjectMapper();
      if (source.format == ScoreCommand.OutputFormat.json) {
        ObjectNode n = m.createObjectNode();
        n.put("name", r.name());
        n.put("family", r.family().id());
        n.put("description", r.description());
        ObjectNode src = n.putObject("source");
        src.put("title", r.source().title());
        src.put("first_author", r.source().firstAuthor());
        src.put("year", r.source().year());
        src.put("note", r.source().note());
        n.set("transformation", r.transformation().params());
        ArrayNode cs = n.putArray("constraints");
        for (ComponentSpec c : r.constraints()) {
          cs.add(c.params());
        }
        n.set("goal", r.goal().params());
        n.set("search", r.search().params());
        n.put("file", r.file());
        out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(n));
      } else {
        out.println(r.name() + " (" + r.family().id() + ": " + r.family().description() + ")");
        out.println("  " + r.description());
        out.println("  source:         " + r.source().citation());
        out.println("  transformation: " + m.writeValueAsString(r.transformation().params()));
        for (ComponentSpec c : r.constraints()) {
          out.println("  constraint:     " + m.writeValueAsString(c.params()));
        }
        out.println("  goal:           " + m.writeValueAsString(r.goal().params()));
        out.println("  search:         " + m.writeValueAsString(r.search().params()));
        out.println("  file:           " + r.file());
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}
