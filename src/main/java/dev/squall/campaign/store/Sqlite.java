package dev.squall.campaign.store;

import dev.squall.SquallException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Opens SQLite files the way the run store needs them: WAL, a busy timeout, foreign-free. */
final class Sqlite {
  private Sqlite() {}

  static Connection open(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout=30000");
        s.execute("PRAGMA journal_mode=WAL");
        // WAL + NORMAL: a committed transaction survives a killed process (not a power cut).
        s.execute("PRAGMA synchronous=NORMAL");
      }
      return c;
    } catch (SQLException | java.io.IOException e) {
      throw new SquallException("cannot open SQLite store " + file + ": " + e.getMessage(), e);
    }
  }

  static SquallException fail(String what, SQLException e) {
    return new SquallException(what + ": " + e.getMessage(), e);
  }
}
