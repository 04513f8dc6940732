package dev.squall.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.squall.model.generation.Generation;
import dev.squall.model.generation.GenerationConfig;
import dev.squall.model.generation.Generator;
import dev.squall.model.hf.ModelFolder;
import dev.squall.model.hf.ModelLayout;
import dev.squall.model.llama.LlamaConfig;
import dev.squall.model.llama.LlamaModel;
import dev.squall.model.safetensors.WeightStore;
import dev.squall.rm.Critique;
import dev.squall.rm.RewardModel;
import dev.squall.rm.RewardResult;
import dev.squall.rm.ScoringRequest;
import dev.squall.rm.local.LoadOptions;
import dev.squall.rm.local.LocalModels;
import dev.squall.text.ChatMessage;
import dev.squall.text.ChatTemplate;
import dev.squall.text.TextTokenizer;
import dev.squall.text.TokenizerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code squall serve}: a local model behind an HTTP server on loopback.
 *
 * <ul>
 *   <li>{@code POST /v1/chat/completions}: OpenAI-compatible; the model's LM continues the
 *       chat-templated messages ({@code max_tokens}, {@code temperature}, {@code top_p}, {@code
 *       seed}, {@code repetition_penalty}; {@code continue_final_message: true} continues the last
 *       message as CLoud critiques are written). Answers {@code usage} token counts.
 *   <li>{@code POST /score}: {@code {"prompt","response"[,"critique"]}} → {@code {"reward",
 *       "critique", "truncated", "critique_tokens", "critiques":[...], "model"}}; batch form
 *       {@code {"items":[...]}} → {@code {"results":[...]}}. Requests are micro-batched.
 *   <li>{@code GET /health}, {@code GET /v1/models}. Unknown paths: 404; bad JSON or fields: 400;
 *       bodies over the limit: 413; every error is {@code {"error":{"message","type"}}}.
 * </ul>
 *
 * Optional seeded fault injection ({@link FaultInjector}). Thread-safe; {@link #close()} answers
 * new requests 503, lets in-flight exchanges finish (up to 5 s), stops, then frees the model.
 */
public final class SquallServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    // Without TCP_NODELAY, the JDK server's separate header and body writes meet the client's
    // delayed ACK: ~40 ms per small response on loopback. Read once, when the JDK server first loads.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final ServeOptions options;
  private final String modelName;
  private final RewardModel rewardModel; // null for a plain LM
  private final Lm lm; // null when the folder has no LM head
  private final MicroBatcher<ScoringRequest, RewardResult> scorer;
  private final MicroBatcher<ChatJob, Generation> chatter;
  private final HttpServer server;
  private final ExecutorService pool;
  // Exchange attributes are shared per context in the JDK server, so track exchanges here.
  private final java.util.Set<HttpExchange> countedOut = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicLong requests = new AtomicLong();
  private volatile boolean closing;

  private record Lm(LlamaModel model, Generator generator, TextTokenizer tokenizer, ChatTemplate template,
      TokenizerConfig tokCfg, Set<Integer> stops, String eot) {}

  private record ChatJob(long[] prompt, long seed, GenerationConfig config) {}

  private SquallServer(ServeOptions options) throws IOException {
    this.options = options;
    ModelFolder folder = ModelFolder.open(options.modelDir());
    this.modelName = folder.name();
    ModelLayout layout = folder.layout();
    this.rewardModel = layout.isRewardModel()
        ? LocalModels.loadRewardModel(options.modelDir(), LoadOptions.defaults().withBatchSize(options.maxBatch()).withDecoding(options.decoding()))
        : null;
    this.lm = loadLm(folder, layout, options.maxBatch());
    this.scorer = rewardModel == null ? null : new MicroBatcher<>("squall-serve-score", options.maxBatch(), rewardModel::scoreAll);
    this.chatter = lm == null ? null : new MicroBatcher<>("squall-serve-chat", options.maxBatch(), this::generateBatch);
    this.pool = Executors.newFixedThreadPool(options.threads(), r -> {
      Thread t = new Thread(r, "squall-serve-http");
      t.setDaemon(true);
      return t;
    });
    this.server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 64);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Loads the model in {@code options.modelDir()} and starts serving. */
  public static SquallServer start(ServeOptions options) {
    try {
      return new SquallServer(options);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot bind " + options.host() + ":" + options.port(), e);
    }
  }

  private static Lm loadLm(ModelFolder folder, ModelLayout layout, int maxBatch) {
    LlamaConfig cfg = folder.llama();
    if (layout.lmHeadName() == null) {
      return null;
    }
    TokenizerConfig tokCfg = folder.tokenizerConfig();
    TextTokenizer tok = TextTokenizer.load(folder.tokenizerJson());
    try (WeightStore w = WeightStore.open(folder.dir())) {
      LlamaModel m = LlamaModel.load(cfg, w::require, layout.trunkPrefix(), layout.lmHeadName());
      Set<Integer> stops = new HashSet<>(cfg.eosTokenIds());
      for (String t : new String[] {"<|eot_id|>", tokCfg.eosToken()}) {
        if (t != null && tok.tokenId(t) >= 0) {
          stops.add(tok.tokenId(t));
        }
      }
      String eot = tok.tokenId("<|eot_id|>") >= 0 ? "<|eot_id|>" : null;
      return new Lm(m, new Generator(m, maxBatch), tok, ChatTemplate.forConfig(tokCfg, Clock.systemUTC()), tokCfg, stops, eot);
    } catch (RuntimeException e) {
      tok.close(); // e.g. a CLoud vanilla folder without LM head: no chat endpoint
      return null;
    }
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://host:port}. */
  public String baseUrl() {
    return "http://" + options.host() + ":" + port();
  }

  /** Most requests ever being handled at once. */
  public int maxInFlight() {
    return maxInFlight.get();
  }

  public long requestCount() {
    return requests.get();
  }

  public void resetStats() {
    maxInFlight.set(0);
    requests.set(0);
  }

  private void handle(HttpExchange ex) {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    requests.incrementAndGet();
    try {
      if (closing) {
        error(ex, 503, "server is shutting down", "server_error");
        return;
      }
      FaultInjector.Fault fault = options.faults().next();
      switch (fault) {
        case DROP_CONNECTION -> {
          ex.getRequestBody().readAllBytes();
          ex.close(); // no response headers: the connection is dropped
          return;
        }
        case ERROR_500 -> {
          error(ex, 500, "injected fault", "server_error");
          return;
        }
        case TOO_MANY_429 -> {
          ex.getResponseHeaders().add("Retry-After", "0");
          error(ex, 429, "injected rate limit", "rate_limit");
          return;
        }
        case MALFORMED_BODY -> {
          send(ex, 200, "{\"choices\": [{\"message\": {\"content\": \"trunc");
          return;
        }
        case LATENCY -> Thread.sleep(options.faults().latencyMs());
        default -> {}
      }
      route(ex);
    } catch (BadRequest e) {
      error(ex, e.status, e.getMessage(), "invalid_request_error");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error(ex, 503, "interrupted", "server_error");
    } catch (Exception e) {
      error(ex, 500, "internal error: " + e.getClass().getSimpleName(), "server_error");
    } finally {
      finished(ex);
      countedOut.remove(ex);
      ex.close();
    }
  }

  private void route(HttpExchange ex) throws Exception {
    String path = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    switch (path) {
      case "/health" -> {
        requireMethod(method, "GET");
        send(ex, 200, "{\"status\":\"ok\"}");
      }
      case "/v1/models" -> {
        requireMethod(method, "GET");
        ObjectNode o = JSON.createObjectNode().put("object", "list");
        o.putArray("data").addObject().put("id", modelName).put("object", "model").put("owned_by", "squall");
        send(ex, 200, JSON.writeValueAsString(o));
      }
      case "/v1/chat/completions" -> {
        requireMethod(method, "POST");
        send(ex, 200, JSON.writeValueAsString(chat(readJson(ex))));
      }
      case "/score" -> {
        requireMethod(method, "POST");
        send(ex, 200, JSON.writeValueAsString(score(readJson(ex))));
      }
      default -> throw new BadRequest(404, "unknown path " + path + " (serving /v1/chat/completions, /score, /health, /v1/models)");
    }
  }

  private static void requireMethod(String got, String want) {
    if (!got.equals(want)) {
      throw new BadRequest(405, "method " + got + " not allowed; use " + want);
    }
  }

  private JsonNode readJson(HttpExchange ex) throws IOException {
    InputStream in = ex.getRequestBody();
    byte[] body = in.readNBytes(options.maxBodyBytes() + 1);
    if (body.length > options.maxBodyBytes()) {
      throw new BadRequest(413, "request body exceeds " + options.maxBodyBytes() + " bytes");
    }
    try {
      JsonNode n = JSON.readTree(body);
      if (n == null || !n.isObject()) {
        throw new BadRequest(400, "request body must be a JSON object");
      }
      return n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new BadRequest(400, "invalid JSON: " + e.getOriginalMessage());
    }
  }

  // ---- /score

  private JsonNode score(JsonNode body) throws Exception {
    if (rewardModel == null) {
      throw new BadRequest(400, "model " + modelName + " has no reward head; /score is unavailable");
    }
    if (body.has("items")) {
      JsonNode items = body.get("items");
      if (!items.isArray() || items.isEmpty()) {
        throw new BadRequest(400, "'items' must be a non-empty array");
      }
      List<java.util.concurrent.CompletableFuture<RewardResult>> fs = new ArrayList<>();
      for (JsonNode item : items) {
        fs.add(scorer.submit(scoringRequest(item)));
      }
      ObjectNode out = JSON.createObjectNode();
      ArrayNode results = out.putArray("results");
      for (var f : fs) {
        results.add(resultJson(await(f)));
      }
      return out;
    }
    return resultJson(await(scorer.submit(scoringRequest(body))));
  }

  private static <T> T await(java.util.concurrent.CompletableFuture<T> f) throws Exception {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception c ? c : e;
    }
  }

  private static ScoringRequest scoringRequest(JsonNode n) {
    String prompt = text(n, "prompt", true);
    String response = text(n, "response", true);
    String critique = text(n, "critique", false);
    return new ScoringRequest(prompt, response, Optional.ofNullable(critique));
  }

  private static String text(JsonNode n, String field, boolean required) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new BadRequest(400, "missing string field '" + field + "'");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new BadRequest(400, "field '" + field + "' must be a string");
    }
    return v.asText();
  }

  private ObjectNode resultJson(RewardResult r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("model", modelName);
    o.put("reward", r.reward());
    o.put("critique", r.critique());
    o.put("truncated", r.truncated());
    o.put("critique_tokens", r.critiques().isEmpty() ? 0 : r.critiques().get(0).tokens());
    ArrayNode cs = o.putArray("critiques");
    for (Critique c : r.critiques()) {
      cs.addObject().put("text", c.text()).put("reward", c.reward()).put("truncated", c.truncated())
          .put("tokens", c.tokens()).put("given", c.given());
    }
    return o;
  }

  // ---- /v1/chat/completions

  private JsonNode chat(JsonNode body) throws Exception {
    if (lm == null) {
      throw new BadRequest(400, "model " + modelName + " has no LM head; chat completions are unavailable");
    }
    JsonNode msgs = body.get("messages");
    if (msgs == null || !msgs.isArray() || msgs.isEmpty()) {
      throw new BadRequest(400, "'messages' must be a non-empty array");
    }
    List<ChatMessage> messages = new ArrayList<>();
    for (JsonNode m : msgs) {
      String role = text(m, "role", true);
      String content = text(m, "content", true);
      try {
        messages.add(new ChatMessage(role, content));
      } catch (IllegalArgumentException e) {
        throw new BadRequest(400, e.getMessage());
      }
    }
    int maxTokens = body.path("max_tokens").asInt(body.path("max_completion_tokens").asInt(256));
    double temperature = body.path("temperature").asDouble(1.0);
    double topP = body.path("top_p").asDouble(1.0);
    double rep = body.path("repetition_penalty").asDouble(1.0);
    long seed = body.path("seed").asLong(0);
    boolean cont = body.path("continue_final_message").asBoolean(false);
    boolean addGen = body.path("add_generation_prompt").asBoolean(!cont);
    if (cont && addGen) {
      throw new BadRequest(400, "continue_final_message needs add_generation_prompt=false");
    }
    if (maxTokens < 1 || maxTokens > 8192) {
      throw new BadRequest(400, "max_tokens must be in [1, 8192], got " + maxTokens);
    }
    GenerationConfig cfg;
    try {
      cfg = new GenerationConfig(maxTokens, temperature, topP, rep, lm.stops(), true);
    } catch (IllegalArgumentException e) {
      throw new BadRequest(400, e.getMessage());
    }
    String text = cont ? continued(messages) : lm.template().render(messages, addGen);
    long[] ids = lm.tokenizer().encode(text);
    Generation g = await(chatter.submit(new ChatJob(ids, seed, cfg)));
    String content = lm.tokenizer().decode(g.tokens());
    ObjectNode o = JSON.createObjectNode();
    o.put("id", "chatcmpl-squall-" + requests.get());
    o.put("object", "chat.completion");
    o.put("model", modelName);
    ObjectNode choice = o.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", content);
    choice.put("finish_reason", g.truncated() ? "length" : "stop");
    o.putObject("usage").put("prompt_tokens", ids.length).put("completion_tokens", g.length())
        .put("total_tokens", ids.length + g.length());
    return o;
  }

  /**
   * The messages with the last one left open: everything before it rendered as a conversation, then
   * the last message rendered alone with BOS, EOS and end-of-turn texts removed (as the CLoud code
   * builds its critique prefix).
   */
  private String continued(List<ChatMessage> messages) {
    String head = messages.size() > 1 ? lm.template().render(messages.subList(0, messages.size() - 1), false) : "";
    String last = lm.template().render(List.of(messages.get(messages.size() - 1)), false);
    for (String special : new String[] {lm.tokCfg().bosToken(), lm.tokCfg().eosToken(), lm.eot()}) {
      if (special != null && !special.isEmpty()) {
        last = last.replace(special, "");
      }
    }
    return head + last;
  }

  private List<Generation> generateBatch(List<ChatJob> jobs) {
    // group jobs sharing a decoding config; the Generator's output per prompt does not depend on batching
    Map<GenerationConfig, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < jobs.size(); i++) {
      groups.computeIfAbsent(jobs.get(i).config(), k -> new ArrayList<>()).add(i);
    }
    Generation[] out = new Generation[jobs.size()];
    for (Map.Entry<GenerationConfig, List<Integer>> e : groups.entrySet()) {
      List<long[]> prompts = new ArrayList<>();
      long[] seeds = new long[e.getValue().size()];
      for (int k = 0; k < seeds.length; k++) {
        ChatJob j = jobs.get(e.getValue().get(k));
        prompts.add(j.prompt());
        seeds[k] = j.seed();
      }
      List<Generation> gs = lm.generator().generate(prompts, seeds, e.getKey());
      for (int k = 0; k < seeds.length; k++) {
        out[e.getValue().get(k)] = gs.get(k);
      }
    }
    return List.of(out);
  }

  // ---- plumbing

  private void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    finished(ex); // the client may send its next request as soon as this one's bytes arrive
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(b);
    }
  }

  /** Counts the exchange out of {@code inFlight} once, when its response starts or it is dropped. */
  private void finished(HttpExchange ex) {
    if (countedOut.add(ex)) {
      inFlight.decrementAndGet();
    }
  }

  private void error(HttpExchange ex, int status, String message, String type) {
    try {
      ObjectNode o = JSON.createObjectNode();
      o.putObject("error").put("message", message).put("type", type).put("code", status);
      send(ex, status, JSON.writeValueAsString(o));
    } catch (IOException ignored) {
      // the client went away
    }
  }

  private static final class BadRequest extends RuntimeException {
    final int status;

    BadRequest(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  @Override
  public void close() {
    // graceful: refuse new requests (503), let in-flight ones finish (up to 5 s), then stop
    closing = true;
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    server.stop(0);
    pool.shutdown();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (scorer != null) {
      scorer.close();
    }
    if (chatter != null) {
      chatter.close();
    }
    if (rewardModel != null) {
      rewardModel.close();
    }
    if (lm != null) {
      lm.model().close();
      lm.tokenizer().close();
    }
  }
}
