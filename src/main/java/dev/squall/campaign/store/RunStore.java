package dev.squall.campaign.store;

import dev.squall.SquallException;
import dev.squall.rm.Cost;
import dev.squall.rm.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The crash-safe store of one run ({@code run.sqlite} in the run directory): metadata and
 * provenance, models, dataset hashes, sessions (each start or resume), per-session model usage
 * (tokens, requests, cost), result rows and the best-of-N candidates sampled from a policy (kept so
 * a resume scores the same texts). Every write is one transaction; rows are unique on (stage,
 * model, item_id) and inserted with {@code INSERT OR
 * IGNORE}, so a resumed or repeated write never duplicates. Thread-safe (one connection, methods
 * synchronised).
 */
public final class RunStore implements AutoCloseable {
  /** The store's file name inside a run directory. */
  public static final String FILE = "run.sqlite";

  private final Path file;
  private final Connection c;

  private RunStore(Path file) {
    this.file = file;
    this.c = Sqlite.open(file);
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS models(name TEXT PRIMARY KEY, source TEXT NOT NULL,"
              + " kind TEXT NOT NULL, model_hash TEXT NOT NULL, layout TEXT NOT NULL,"
              + " parameters INTEGER NOT NULL, decoding TEXT NOT NULL)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS datasets(stage TEXT NOT NULL, dataset TEXT NOT NULL,"
              + " split TEXT NOT NULL, items INTEGER NOT NULL, sha256 TEXT NOT NULL,"
              + " PRIMARY KEY(stage, split))");
      s.execute(
          "CREATE TABLE IF NOT EXISTS sessions(id INTEGER PRIMARY KEY AUTOINCREMENT,"
              + " started TEXT NOT NULL, finished TEXT, args TEXT NOT NULL,"
              + " model_calls INTEGER NOT NULL DEFAULT 0, cache_hits INTEGER NOT NULL DEFAULT 0)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS results(stage TEXT NOT NULL, model TEXT NOT NULL,"
              + " item_id TEXT NOT NULL, split TEXT NOT NULL, credit REAL, score REAL NOT NULL,"
              + " detail TEXT NOT NULL, session INTEGER NOT NULL, PRIMARY KEY(stage, model, item_id))");
      s.execute(
          "CREATE TABLE IF NOT EXISTS usage(session INTEGER NOT NULL, model TEXT NOT NULL, meter TEXT NOT NULL,"
              + " remote INTEGER NOT NULL, requests INTEGER NOT NULL, failed_calls INTEGER NOT NULL,"
              + " retries INTEGER NOT NULL, prompt_tokens INTEGER NOT NULL, completion_tokens INTEGER NOT NULL,"
              + " cost REAL, currency TEXT, PRIMARY KEY(session, model, meter))");
      s.execute(
          "CREATE TABLE IF NOT EXISTS candidates(stage TEXT NOT NULL, item_id TEXT NOT NULL,"
              + " texts TEXT NOT NULL, PRIMARY KEY(stage, item_id))");
    } catch (SQLException e) {
      throw Sqlite.fail("cannot create tables in " + file, e);
    }
  }

  /** Opens (creating if needed) the store of {@code runDir}. */
  public static RunStore open(Path runDir) {
    return new RunStore(runDir.resolve(FILE));
  }

  /** Opens an existing store; fails when {@code runDir} has none. */
  public static RunStore openExisting(Path runDir) {
    if (!Files.isRegularFile(runDir.resolve(FILE))) {
      throw new dev.squall.ConfigException(runDir + " is not a run directory (no " + FILE + ")");
    }
    return open(runDir);
  }

  public Path file() {
    return file;
  }

  // ---- meta -----------------------------------------------------------------------------------

  public synchronized void putMeta(Map<String, String> entries) {
    tx(() -> {
      try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)")) {
        for (Map.Entry<String, String> e : entries.entrySet()) {
          p.setString(1, e.getKey());
          p.setString(2, e.getValue());
          p.addBatch();
        }
        p.executeBatch();
      }
    });
  }

  public synchronized Map<String, String> meta() {
    Map<String, String> out = new LinkedHashMap<>();
    query("SELECT key, value FROM meta ORDER BY key", rs -> out.put(rs.getString(1), rs.getString(2)));
    return out;
  }

  public String meta(String key) {
    return meta().get(key);
  }

  // ---- models and datasets --------------------------------------------------------------------

  /** A model's identity as stored. */
  public record ModelRow(
      String name, String source, String kind, String modelHash, String layout, long parameters,
      String decoding) {}

  /**
   * Records a model; on resume the hash must match the stored one.
   *
   * @throws SquallException when a model of that name was stored with another hash
   */
  public synchronized void putModel(ModelRow m) {
    for (ModelRow old : models()) {
      if (old.name().equals(m.name()) && !old.modelHash().equals(m.modelHash())) {
        throw new dev.squall.ConfigException(
            "model '" + m.name() + "' has hash " + m.modelHash() + " but this run was started with "
                + old.modelHash() + "; resuming would mix two models");
      }
    }
    tx(() -> {
      try (PreparedStatement p =
          c.prepareStatement("INSERT OR IGNORE INTO models VALUES(?, ?, ?, ?, ?, ?, ?)")) {
        p.setString(1, m.name());
        p.setString(2, m.source());
        p.setString(3, m.kind());
        p.setString(4, m.modelHash());
        p.setString(5, m.layout());
        p.setLong(6, m.parameters());
        p.setString(7, m.decoding());
        p.executeUpdate();
      }
    });
  }

  public synchronized List<ModelRow> models() {
    List<ModelRow> out = new ArrayList<>();
    query("SELECT name, source, kind, model_hash, layout, parameters, decoding FROM models ORDER BY rowid",
        rs -> out.add(new ModelRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getLong(6), rs.getString(7))));
    return out;
  }

  /** The items of one stage's split: count and SHA-256 over their ids and texts. */
  public record DatasetRow(String stage, String dataset, String split, long items, String sha256) {}

  /**
   * Records a stage split's dataset hash; on resume it must match.
   *
   * @throws dev.squall.ConfigException when the stored hash differs (the data changed)
   */
  public synchronized void putDataset(DatasetRow d) {
    for (DatasetRow old : datasets()) {
      if (old.stage().equals(d.stage()) && old.split().equals(d.split())
          && (!old.sha256().equals(d.sha256()) || old.items() != d.items())) {
        throw new dev.squall.ConfigException(
            "stage '" + d.stage() + "' split '" + d.split() + "' now has " + d.items() + " items (sha256 "
                + d.sha256() + ") but the run started with " + old.items() + " (" + old.sha256() + ")");
      }
    }
    tx(() -> {
      try (PreparedStatement p = c.prepareStatement("INSERT OR IGNORE INTO datasets VALUES(?, ?, ?, ?, ?)")) {
        p.setString(1, d.stage());
        p.setString(2, d.dataset());
        p.setString(3, d.split());
        p.setLong(4, d.items());
        p.setString(5, d.sha256());
        p.executeUpdate();
      }
    });
  }

  public synchronized List<DatasetRow> datasets() {
    List<DatasetRow> out = new ArrayList<>();
    query("SELECT stage, dataset, split, items, sha256 FROM datasets ORDER BY rowid",
        rs -> out.add(new DatasetRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5))));
    return out;
  }

  // ---- sessions -------------------------------------------------------------------------------

  /** Starts a session (a run or a resume); returns its id. */
  public synchronized long startSession(String args) {
    long[] id = new long[1];
    tx(() -> {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO sessions(started, args) VALUES(?, ?)",
          Statement.RETURN_GENERATED_KEYS)) {
        p.setString(1, Instant.now().toString());
        p.setString(2, args);
        p.executeUpdate();
        try (ResultSet rs = p.getGeneratedKeys()) {
          rs.next();
          id[0] = rs.getLong(1);
        }
      }
    });
    return id[0];
  }

  /** Adds to a session's call counters (written as calls happen, so a killed session keeps them). */
  public synchronized void addCalls(long session, long calls, long hits) {
    update("UPDATE sessions SET model_calls = model_calls + ?, cache_hits = cache_hits + ? WHERE id = ?",
        calls, hits, session);
  }

  public synchronized void finishSession(long session) {
    update("UPDATE sessions SET finished = ? WHERE id = ?", Instant.now().toString(), session);
  }

  /** A session: when, how invoked, and its model calls and cache hits. */
  public record SessionRow(long id, String started, String finished, String args, long modelCalls, long cacheHits) {}

  public synchronized List<SessionRow> sessions() {
    List<SessionRow> out = new ArrayList<>();
    query("SELECT id, started, finished, args, model_calls, cache_hits FROM sessions ORDER BY id",
        rs -> out.add(new SessionRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getLong(5), rs.getLong(6))));
    return out;
  }

  // ---- usage ----------------------------------------------------------------------------------

  /**
   * Adds {@code delta} (what one meter of a model consumed since the last call) to the session's
   * usage of that (model, meter); a zero delta records the meter with zero counts. Written as usage
   * happens, so a killed session keeps what it recorded; each session has its own rows, so a resume
   * adds to a run's usage and never replaces it.
   */
  public synchronized void addUsage(long session, String model, Usage delta) {
    tx(() -> {
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO usage(session, model, meter, remote, requests, failed_calls, retries, prompt_tokens,"
              + " completion_tokens, cost, currency) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
              + " ON CONFLICT(session, model, meter) DO UPDATE SET requests = requests + excluded.requests,"
              + " failed_calls = failed_calls + excluded.failed_calls, retries = retries + excluded.retries,"
              + " prompt_tokens = prompt_tokens + excluded.prompt_tokens,"
              + " completion_tokens = completion_tokens + excluded.completion_tokens,"
              + " cost = CASE WHEN excluded.cost IS NULL THEN cost ELSE COALESCE(cost, 0) + excluded.cost END,"
              + " currency = COALESCE(excluded.currency, currency)")) {
        p.setLong(1, session);
        p.setString(2, model);
        p.setString(3, delta.meter());
        p.setInt(4, delta.remote() ? 1 : 0);
        p.setLong(5, delta.requests());
        p.setLong(6, delta.failedCalls());
        p.setLong(7, delta.retries());
        p.setLong(8, delta.promptTokens());
        p.setLong(9, delta.completionTokens());
        if (delta.cost().isPresent()) {
          p.setDouble(10, delta.cost().get().amount());
          p.setString(11, delta.cost().get().currency());
        } else {
          p.setNull(10, java.sql.Types.REAL);
          p.setNull(11, java.sql.Types.VARCHAR);
        }
        p.executeUpdate();
      }
    });
  }

  /** One model meter's usage summed over every session of the run. */
  public record UsageRow(String model, Usage usage) {}

  /**
   * Every (model, meter) with its usage summed over sessions, in the order first recorded. A meter
   * has a cost when any session recorded one (in the currency last recorded for it).
   */
  public synchronized List<UsageRow> usage() {
    List<UsageRow> out = new ArrayList<>();
    query("SELECT model, meter, MAX(remote), SUM(requests), SUM(failed_calls), SUM(retries), SUM(prompt_tokens),"
            + " SUM(completion_tokens), SUM(cost), MAX(currency), MIN(rowid) AS first FROM usage"
            + " GROUP BY model, meter ORDER BY first",
        rs -> {
          double cost = rs.getDouble(9);
          boolean priced = !rs.wasNull() && rs.getString(10) != null;
          out.add(new UsageRow(rs.getString(1), new Usage(rs.getString(2), rs.getInt(3) != 0, rs.getLong(4), rs.getLong(5),
              rs.getLong(6), rs.getLong(7), rs.getLong(8),
              priced ? java.util.Optional.of(new Cost(cost, rs.getString(10))) : java.util.Optional.empty())));
        });
    return out;
  }

  // ---- results --------------------------------------------------------------------------------

  /** Writes rows in one transaction; rows already stored are left as they are. Returns rows added. */
  public synchronized int putRows(List<ResultRow> rows, long session) {
    int[] added = new int[1];
    tx(() -> {
      try (PreparedStatement p =
          c.prepareStatement("INSERT OR IGNORE INTO results VALUES(?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (ResultRow r : rows) {
          p.setString(1, r.stage());
          p.setString(2, r.model());
          p.setString(3, r.itemId());
          p.setString(4, r.split());
          if (Double.isNaN(r.credit())) {
            p.setNull(5, java.sql.Types.REAL);
          } else {
            p.setDouble(5, r.credit());
          }
          p.setDouble(6, r.score());
          p.setString(7, r.detail());
          p.setLong(8, session);
          p.addBatch();
        }
        for (int n : p.executeBatch()) {
          added[0] += Math.max(0, n);
        }
      }
    });
    return added[0];
  }

  /** Which of {@code itemIds} already have a row for (stage, model). */
  public synchronized Set<String> done(String stage, String model, List<String> itemIds) {
    Set<String> out = new HashSet<>();
    for (int from = 0; from < itemIds.size(); from += 500) {
      List<String> part = itemIds.subList(from, Math.min(itemIds.size(), from + 500));
      String sql = "SELECT item_id FROM results WHERE stage = ? AND model = ? AND item_id IN ("
          + "?,".repeat(part.size() - 1) + "?)";
      try (PreparedStatement p = c.prepareStatement(sql)) {
        p.setString(1, stage);
        p.setString(2, model);
        for (int i = 0; i < part.size(); i++) {
          p.setString(3 + i, part.get(i));
        }
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
      } catch (SQLException e) {
        throw Sqlite.fail("cannot read results of " + file, e);
      }
    }
    return out;
  }

  /** Number of stored rows (optionally of one stage). */
  public synchronized long countRows(String stage) {
    long[] n = new long[1];
    if (stage == null) {
      query("SELECT COUNT(*) FROM results", rs -> n[0] = rs.getLong(1));
    } else {
      query("SELECT COUNT(*) FROM results WHERE stage = '" + stage.replace("'", "''") + "'", rs -> n[0] = rs.getLong(1));
    }
    return n[0];
  }

  /** Streams every row in (stage, model, item_id) order. */
  public synchronized void forEachRow(Consumer<ResultRow> sink) {
    query("SELECT stage, model, item_id, split, credit, score, detail FROM results ORDER BY stage, model, item_id",
        rs -> sink.accept(row(rs)));
  }

  /** One stage's rows, in (model, item_id) order. */
  public List<ResultRow> rows(String stage) {
    return rows(stage, true);
  }

  /**
   * One stage's rows, in (model, item_id) order; without {@code detail} (read as "") when the
   * caller does not need it, and with the repeated stage, model and split strings shared, so a
   * million-row stage fits a small heap.
   */
  public synchronized List<ResultRow> rows(String stage, boolean withDetail) {
    List<ResultRow> out = new ArrayList<>();
    Map<String, String> shared = new java.util.HashMap<>();
    try (PreparedStatement p = c.prepareStatement(
        "SELECT stage, model, item_id, split, credit, score, " + (withDetail ? "detail" : "''")
            + " FROM results WHERE stage = ? ORDER BY model, item_id")) {
      p.setString(1, stage);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          ResultRow r = row(rs);
          out.add(new ResultRow(shared.computeIfAbsent(r.stage(), k -> k), shared.computeIfAbsent(r.model(), k -> k),
              r.itemId(), shared.computeIfAbsent(r.split(), k -> k), r.credit(), r.score(),
              r.detail().isEmpty() ? "" : r.detail()));
        }
      }
    } catch (SQLException e) {
      throw Sqlite.fail("cannot read results of " + file, e);
    }
    return out;
  }

  private static ResultRow row(ResultSet rs) throws SQLException {
    double credit = rs.getDouble(5);
    if (rs.wasNull()) {
      credit = Double.NaN;
    }
    return new ResultRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), credit,
        rs.getDouble(6), rs.getString(7));
  }

  // ---- best-of-N candidates -------------------------------------------------------------------

  /**
   * Stores each item's candidates (a JSON array of strings) in one transaction; an item whose
   * candidates are already stored keeps them (first write wins), so a resume never replaces texts
   * that rows were scored on.
   */
  public synchronized void putCandidates(String stage, Map<String, List<String>> byItem) {
    tx(() -> {
      try (PreparedStatement p = c.prepareStatement("INSERT OR IGNORE INTO candidates VALUES(?, ?, ?)")) {
        for (Map.Entry<String, List<String>> e : byItem.entrySet()) {
          p.setString(1, stage);
          p.setString(2, e.getKey());
          p.setString(3, CANDIDATES_JSON.writeValueAsString(e.getValue()));
          p.addBatch();
        }
        p.executeBatch();
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new SquallException("cannot encode candidates of stage " + stage, e);
      }
    });
  }

  /** The stored candidates of those of {@code itemIds} that have them. */
  public synchronized Map<String, List<String>> candidates(String stage, List<String> itemIds) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int from = 0; from < itemIds.size(); from += 500) {
      List<String> part = itemIds.subList(from, Math.min(itemIds.size(), from + 500));
      String sql = "SELECT item_id, texts FROM candidates WHERE stage = ? AND item_id IN ("
          + "?,".repeat(part.size() - 1) + "?)";
      try (PreparedStatement p = c.prepareStatement(sql)) {
        p.setString(1, stage);
        for (int i = 0; i < part.size(); i++) {
          p.setString(2 + i, part.get(i));
        }
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), texts(rs.getString(2)));
          }
        }
      } catch (SQLException e) {
        throw Sqlite.fail("cannot read candidates of " + file, e);
      }
    }
    return out;
  }

  /** Streams every stored candidate list as (stage, item id, texts), in (stage, item_id) order. */
  public synchronized void forEachCandidates(CandidatesSink sink) {
    query("SELECT stage, item_id, texts FROM candidates ORDER BY stage, item_id",
        rs -> sink.accept(rs.getString(1), rs.getString(2), texts(rs.getString(3))));
  }

  /** Receives one item's stored candidates. */
  public interface CandidatesSink {
    void accept(String stage, String itemId, List<String> texts);
  }

  private List<String> texts(String json) {
    try {
      return List.copyOf(CANDIDATES_JSON.readValue(json, STRINGS));
    } catch (java.io.IOException e) {
      throw new SquallException("malformed candidates in " + file + ": " + e.getMessage(), e);
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper CANDIDATES_JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private static final com.fasterxml.jackson.core.type.TypeReference<List<String>> STRINGS =
      new com.fasterxml.jackson.core.type.TypeReference<>() {};

  // ---- plumbing -------------------------------------------------------------------------------

  private interface SqlWork {
    void run() throws SQLException;
  }

  private interface RowSink {
    void accept(ResultSet rs) throws SQLException;
  }

  private void tx(SqlWork work) {
    try {
      c.setAutoCommit(false);
      try {
        work.run();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw Sqlite.fail("cannot write " + file, e);
    }
  }

  private void update(String sql, Object... args) {
    tx(() -> {
      try (PreparedStatement p = c.prepareStatement(sql)) {
        for (int i = 0; i < args.length; i++) {
          p.setObject(i + 1, args[i]);
        }
        p.executeUpdate();
      }
    });
  }

  private void query(String sql, RowSink sink) {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        sink.accept(rs);
      }
    } catch (SQLException e) {
      throw Sqlite.fail("cannot read " + file, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      c.close();
    } catch (SQLException e) {
      throw Sqlite.fail("cannot close " + file, e);
    }
  }
}
