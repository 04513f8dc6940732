package dev.squall.serve;

import dev.squall.rm.CritiqueDecoding;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How {@code squall serve} runs.
 *
 * @param modelDir the model folder (embedded names are resolved before)
 * @param host bind address (default 127.0.0.1)
 * @param port 0 for an ephemeral port
 * @param maxBodyBytes largest accepted request body (413 above)
 * @param maxBatch most score requests batched into one forward pass
 * @param threads HTTP handler threads
 * @param faults fault injection (none by default)
 * @param decoding how /score writes CLoud critiques (defaults: the CLoud code's)
 */
public record ServeOptions(Path modelDir, String host, int port, int maxBodyBytes, int maxBatch, int threads, FaultInjector faults, CritiqueDecoding decoding) {
  public ServeOptions {
    Objects.requireNonNull(modelDir, "modelDir");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(faults, "faults");
    Objects.requireNonNull(decoding, "decoding");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be in [0, 65535], got " + port);
    }
    if (maxBodyBytes < 1 || maxBatch < 1 || threads < 1) {
      throw new IllegalArgumentException("maxBodyBytes, maxBatch and threads must be >= 1");
    }
  }

  /** Loopback, an ephemeral port, 1 MiB bodies, batches of 8, 32 threads, no faults. */
  public static ServeOptions loopback(Path modelDir) {
    return new ServeOptions(modelDir, "127.0.0.1", 0, 1 << 20, 8, 32, FaultInjector.none(), CritiqueDecoding.defaults());
  }

  public ServeOptions withFaults(FaultInjector f) {
    return new ServeOptions(modelDir, host, port, maxBodyBytes, maxBatch, threads, f, decoding);
  }

  public ServeOptions withMaxBatch(int b) {
    return new ServeOptions(modelDir, host, port, maxBodyBytes, b, threads, faults, decoding);
  }

  public ServeOptions withDecoding(CritiqueDecoding d) {
    return new ServeOptions(modelDir, host, port, maxBodyBytes, maxBatch, threads, faults, d);
  }

  public ServeOptions withPort(int p) {
    return new ServeOptions(modelDir, host, p, maxBodyBytes, maxBatch, threads, faults, decoding);
  }

  public ServeOptions withHost(String h) {
    return new ServeOptions(modelDir, h, port, maxBodyBytes, maxBatch, threads, faults, decoding);
  }

  public ServeOptions withMaxBodyBytes(int b) {
    return new ServeOptions(modelDir, host, port, b, maxBatch, threads, faults, decoding);
  }
}
