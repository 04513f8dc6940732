package dev.squall.campaign.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The model-call cache: one row per model call, keyed by a SHA-256 over (model hash, decoding
 * parameters and seed, prompt, response, given critique). It lives in its own SQLite file, by
 * default {@code reports/.cache.sqlite} beside the run directories, so every run (and every shard,
 * SQLite serialising the writers) reuses every call ever made. Thread-safe.
 */
public final class CallCache implements AutoCloseable {
  /** The default file name, in the parent of run directories. */
  public static final String FILE = ".cache.sqlite";

  /** A cached call: the reward and the critiques as JSON. */
  public record Entry(double reward, String critiquesJson) {}

  private final Path file;
  private final Connection c;

  private CallCache(Path file) {
    this.file = file;
    this.c = Sqlite.open(file);
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS calls(key TEXT PRIMARY KEY, model_hash TEXT NOT NULL,"
              + " reward REAL NOT NULL, critiques TEXT NOT NULL, created TEXT NOT NULL)");
    } catch (SQLException e) {
      throw Sqlite.fail("cannot create the call cache in " + file, e);
    }
  }

  public static CallCache open(Path file) {
    return new CallCache(file);
  }

  public Path file() {
    return file;
  }

  /** The cached entries among {@code keys}. */
  public synchronized Map<String, Entry> getAll(List<String> keys) {
    Map<String, Entry> out = new HashMap<>();
    for (int from = 0; from < keys.size(); from += 500) {
      List<String> part = keys.subList(from, Math.min(keys.size(), from + 500));
      String sql = "SELECT key, reward, critiques FROM calls WHERE key IN (" + "?,".repeat(part.size() - 1) + "?)";
      try (PreparedStatement p = c.prepareStatement(sql)) {
        for (int i = 0; i < part.size(); i++) {
          p.setString(i + 1, part.get(i));
        }
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), new Entry(rs.getDouble(2), rs.getString(3)));
          }
        }
      } catch (SQLException e) {
        throw Sqlite.fail("cannot read the call cache " + file, e);
      }
    }
    return out;
  }

  /** Stores calls in one transaction (existing keys are kept). */
  public synchronized void putAll(String modelHash, Map<String, Entry> entries) {
    try {
      c.setAutoCommit(false);
      try (PreparedStatement p = c.prepareStatement("INSERT OR IGNORE INTO calls VALUES(?, ?, ?, ?, ?)")) {
        String now = Instant.now().toString();
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
          p.setString(1, e.getKey());
          p.setString(2, modelHash);
          p.setDouble(3, e.getValue().reward());
          p.setString(4, e.getValue().critiquesJson());
          p.setString(5, now);
          p.addBatch();
        }
        p.executeBatch();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw Sqlite.fail("cannot write the call cache " + file, e);
    }
  }

  /** Number of cached calls (optionally of one model hash). */
  public synchronized long size(String modelHash) {
    String sql = modelHash == null ? "SELECT COUNT(*) FROM calls" : "SELECT COUNT(*) FROM calls WHERE model_hash = ?";
    try (PreparedStatement p = c.prepareStatement(sql)) {
      if (modelHash != null) {
        p.setString(1, modelHash);
      }
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw Sqlite.fail("cannot read the call cache " + file, e);
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
