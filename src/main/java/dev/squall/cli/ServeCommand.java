package dev.squall.cli;

import dev.squall.ConfigException;
import dev.squall.model.hf.EmbeddedModels;
import dev.squall.serve.FaultInjector;
import dev.squall.serve.ServeOptions;
import dev.squall.serve.SquallServer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code squall serve}: serves a model over HTTP until interrupted (Ctrl-C stops it gracefully). */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Serve a model on loopback: OpenAI-compatible /v1/chat/completions and POST /score.")
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, description = "Model folder or embedded model name (cloud, classic, policy).")
  String model;

  @Option(names = "--port", required = true, description = "Port (0 = any free port).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Bind address. Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--max-batch", defaultValue = "8", description = "Requests batched per forward pass. Default: ${DEFAULT-VALUE}.")
  int maxBatch;

  @Option(names = "--max-body-bytes", defaultValue = "1048576", description = "Largest request body. Default: ${DEFAULT-VALUE}.")
  int maxBodyBytes;

  @Option(names = "--max-critique-tokens", defaultValue = "1024", description = "Max new tokens per critique on /score. Default: ${DEFAULT-VALUE}.")
  int maxCritiqueTokens;

  @Option(names = "--fault-rate", defaultValue = "0", description = "Fraction of requests faulted (500, 429, malformed JSON, dropped connection, latency). Default: ${DEFAULT-VALUE}.")
  double faultRate;

  @Option(names = "--fault-latency-ms", defaultValue = "0", description = "Delay of the latency fault; 0 disables it. Default: ${DEFAULT-VALUE}.")
  long faultLatencyMs;

  @Option(names = "--fault-seed", defaultValue = "0", description = "Seed of the fault sequence. Default: ${DEFAULT-VALUE}.")
  long faultSeed;

  @Override
  public Integer call() throws InterruptedException {
    FaultInjector faults;
    ServeOptions options;
    try {
      faults = new FaultInjector(faultRate, faultLatencyMs, faultSeed);
      options = new ServeOptions(EmbeddedModels.resolve(model), host, port, maxBodyBytes, maxBatch, 32, faults,
          dev.squall.rm.CritiqueDecoding.defaults().withMaxTokens(maxCritiqueTokens));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("::1")) {
      spec.commandLine().getErr().println(
          "squall serve: warning: binding " + host + " exposes an unauthenticated model server beyond loopback");
    }
    SquallServer server = SquallServer.start(options);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "squall-serve-shutdown"));
    out.println("squall serve: " + model + " on " + server.baseUrl() + " (Ctrl-C to stop)");
    out.flush();
    stopped.await();
    return ExitCodes.OK;
  }
}
