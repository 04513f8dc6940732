package dev.squall.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.squall.model.HostTensor;
import dev.squall.model.hf.EmbeddedModels;
import dev.squall.model.hf.ModelFolder;
import dev.squall.model.hf.ModelLayout;
import dev.squall.model.llama.LlamaConfig;
import dev.squall.model.safetensors.TensorInfo;
import dev.squall.model.safetensors.WeightStore;
import dev.squall.text.TextTokenizer;
import dev.squall.text.TokenizerConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code squall inspect}: what a model folder holds, without running it. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = "Show a model folder's architecture, layout, parameter count, dtypes and heads.")
final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL", description = "Model folder (Hugging Face layout) or embedded model name.")
  String model;

  @Option(names = "--base-config", description = "config.json of a CLoud model's base LM.")
  Path baseConfig;

  @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES}.")
  ScoreCommand.OutputFormat format;

  @Override
  public Integer call() {
    Path dir = EmbeddedModels.resolve(model);
    ModelFolder folder = ModelFolder.open(dir, baseConfig);
    LlamaConfig c = folder.llama();
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode n = mapper.createObjectNode();
    n.put("folder", dir.toString());
    n.put("architecture", folder.config().path("architectures").path(0).asText("(none)"));
    n.put("layout", folder.layout().name());
    n.put("layout_description", folder.layout().description());
    n.put("llama_config_source", folder.baseConfigSource());
    n.set("llama_config", c.toJson(mapper));
    try (WeightStore ws = WeightStore.open(dir)) {
      Map<String, Long> dtypes = new TreeMap<>();
      long params = 0;
      for (String name : ws.names()) {
        TensorInfo t = ws.info(name);
        long count = HostTensor.elementCount(t.shape());
        params += count;
        dtypes.merge(t.dtype().name(), count, Long::sum);
      }
      n.put("parameters", params);
      n.put("weight_files", ws.files().size());
      n.set("dtypes", mapper.valueToTree(dtypes));
      ObjectNode heads = n.putObject("heads");
      String lm = folder.layout().lmHeadName();
      heads.put("lm_head", c.tieWordEmbeddings() ? "tied to embeddings" : lm != null && ws.contains(lm) ? lm : "absent");
      heads.put("score", ws.contains("score.weight") ? "score.weight (linear)" : "absent");
      boolean mlp = ws.contains(ModelLayout.CLOUD_HEAD + "dense.weight") && ws.contains(ModelLayout.CLOUD_HEAD + "out_proj.weight");
      heads.put("reward_head", mlp ? "reward_head.dense + tanh + reward_head.out_proj (MLP)" : "absent");
    }
    TokenizerConfig tc = folder.tokenizerConfig();
    try (TextTokenizer tok = TextTokenizer.load(folder.tokenizerJson())) {
      n.put("tokenizer_vocab", tok.vocabSize());
    }
    n.put("chat_template", tc.chatTemplate() == null ? "none (default HH-style template)" : "from tokenizer_config.json");
    n.put("model_hash", folder.hash());
    PrintWriter out = spec.commandLine().getOut();
    if (format == ScoreCommand.OutputFormat.json) {
      out.println(n.toPrettyString());
    } else {
      for (String field : List.of("architecture", "layout_description", "llama_config_source", "parameters", "weight_files", "tokenizer_vocab", "chat_template", "model_hash")) {
        out.printf("%-20s %s%n", field, n.get(field).asText());
      }
      out.printf("%-20s %s%n", "dtypes", n.get("dtypes"));
      n.get("heads").fields().forEachRemaining(e -> out.printf("%-20s %s%n", "head." + e.getKey(), e.getValue().asText()));
      out.printf("%-20s hidden %d, layers %d, heads %d/%d kv, intermediate %d, vocab %d, rope_theta %s%s%n",
          "llama", c.hiddenSize(), c.numLayers(), c.numHeads(), c.numKvHeads(), c.intermediateSize(), c.vocabSize(), c.ropeTheta(),
          c.ropeScaling() == null ? "" : ", llama3 rope scaling x" + c.ropeScaling().factor());
    }
    return ExitCodes.OK;
  }
}
