package dev.squall.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.ConfigException;
import dev.squall.model.hf.EmbeddedModels;
import dev.squall.rm.Critique;
import dev.squall.rm.CritiqueDecoding;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringRequest;
import dev.squall.rm.local.LoadOptions;
import dev.squall.rm.local.LocalModels;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code squall score}: scores one response with a reward model. */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = "Score one (prompt, response) with a classic or CLoud reward model.")
final class ScoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, description = "Model folder (Hugging Face layout) or embedded model name (cloud, classic).")
  String model;

  @Option(names = "--prompt", required = true, description = "The user prompt.")
  String prompt;

  @Option(names = "--response", required = true, description = "The assistant response to score.")
  String response;

  @Option(names = "--critique", description = "Score with this critique instead of generating one (CLoud).")
  String critique;

  @Option(names = "--critiques", defaultValue = "1", description = "Critiques to sample and average (self-consistency). Default: ${DEFAULT-VALUE}.")
  int critiques;

  @Option(names = "--temperature", defaultValue = "0", description = "Critique sampling temperature; 0 = greedy. Default: ${DEFAULT-VALUE}.")
  double temperature;

  @Option(names = "--top-p", defaultValue = "1", description = "Nucleus sampling mass. Default: ${DEFAULT-VALUE}.")
  double topP;

  @Option(names = "--max-critique-tokens", defaultValue = "1024", description = "Max new tokens per critique. Default: ${DEFAULT-VALUE}.")
  int maxCritiqueTokens;

  @Option(names = "--repetition-penalty", defaultValue = "1.01", description = "Hugging Face repetition penalty. Default: ${DEFAULT-VALUE}.")
  double repetitionPenalty;

  @Option(names = "--seed", defaultValue = "0", description = "Sampling seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--base-config", description = "config.json of a CLoud model's base LM, when the folder lacks one.")
  Path baseConfig;

  @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  OutputFormat format;

  @Override
  public Integer call() {
    CritiqueDecoding decoding;
    try {
      decoding =
          new CritiqueDecoding(critiques, temperature, topP, maxCritiqueTokens, repetitionPenalty, seed);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
    LoadOptions options = LoadOptions.defaults().withDecoding(decoding);
    if (baseConfig != null) {
      options = options.withBaseConfig(baseConfig);
    }
    ScoringRequest request = ScoringRequest.of(prompt, response);
    if (critique != null) {
      request = request.withCritique(critique);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (RewardModel rm = LocalModels.loadRewardModel(EmbeddedModels.resolve(model), options)) {
      RewardResult result = rm.score(request);
      if (format == OutputFormat.json) {
        out.println(toJson(rm, result));
      } else {
        out.printf("model     %s (%s)%n", rm.info().name(), rm.info().kind());
        out.printf("reward    %.6f%n", result.reward());
        for (Critique c : result.critiques()) {
          out.printf(
              "critique  %s%s%n", c.text(), c.truncated() ? "  [TRUNCATED at max tokens]" : "");
          out.printf("          reward %.6f, %d tokens%s%n", c.reward(), c.tokens(), c.given() ? ", given" : "");
        }
      }
    }
    return ExitCodes.OK;
  }

  static String toJson(RewardModel rm, RewardResult result) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode n = mapper.createObjectNode();
    n.put("model", rm.info().name());
    n.put("kind", rm.info().kind().name().toLowerCase(java.util.Locale.ROOT));
    n.put("reward", result.reward());
    if (!result.critiques().isEmpty()) {
      n.put("critique", result.critique());
      n.put("truncated", result.truncated());
      ArrayNode cs = n.putArray("critiques");
      for (Critique c : result.critiques()) {
        ObjectNode cn = cs.addObject();
        cn.put("text", c.text());
        cn.put("truncated", c.truncated());
        cn.put("tokens", c.tokens());
        cn.put("reward", c.reward());
        cn.put("given", c.given());
      }
    }
    ObjectNode p = n.putObject("provenance");
    p.put("model_hash", result.provenance().modelHash());
    p.put("layout", rm.info().layout());
    p.put("squall_version", result.provenance().squallVersion());
    result.provenance().decoding().ifPresent(d -> p.set("decoding", mapper.valueToTree(d)));
    return n.toPrettyString();
  }

  enum OutputFormat {
    json,
    text
  }
}
