package dev.quarry.runtime.internal;

import dev.quarry.runtime.ConnectionCallback;
import dev.quarry.runtime.Database;
import dev.quarry.runtime.StatementListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs generated statements on the {@link Database}'s current connection: the transaction's
 * when the calling thread is inside one, else a connection of its own in auto-commit mode.
 * Every {@link SQLException} leaves as the {@code QuarryException} its SQLSTATE names, with the
 * DAO method and statement in the message.
 */
public final class Jdbc {
  private Jdbc() {}

  /**
   * Runs {@code work} on one connection, translating failures for {@code method}/{@code sql},
   * and tells the database's {@link StatementListener} how long it took and how it ended.
   */
  public static <T> T run(Database db, String method, String sql, ConnectionCallback<T> work) {
    StatementListener listener = db.listener();
    if (listener == StatementListener.NONE) {
      return execute(db, method, sql, work);
    }
    StatementListener.Run run = listener.started(method, sql);
    long start = System.nanoTime();
    T result;
    try {
      result = execute(db, method, sql, work);
    } catch (RuntimeException | Error e) {
      try {
        run.finished(System.nanoTime() - start, e);
      } catch (RuntimeException listenerFailure) {
        e.addSuppressed(listenerFailure);
      }
      throw e;
    }
    try {
      run.finished(System.nanoTime() - start, null);
    } catch (RuntimeException listenerFailure) {
      // The statement succeeded (a write may be committed): failing the call would lie.
      Thread t = Thread.currentThread();
      t.getUncaughtExceptionHandler().uncaughtException(t, listenerFailure);
    }
    return result;
  }

  /**
   * A statement that starts with {@code SELECT} is a read: with replicas it may run on a standby
   * ({@link Database#withReadConnection}), and runs again on the primary if it writes after all.
   */
  private static <T> T execute(Database db, String method, String sql, ConnectionCallback<T> work) {
    ConnectionCallback<T> translated = c -> {
      try {
        return work.apply(c);
      } catch (SQLException e) {
        throw SqlStates.translate(e, method, sql);
      }
    };
    return isQuery(sql) ? db.withReadConnection(translated) : db.withConnection(translated);
  }

  /** Whether {@code sql}'s first word is SELECT (generated reads and most {@code @Sql} queries). */
  static boolean isQuery(String sql) {
    int i = 0;
    while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
      i++;
    }
    return sql.regionMatches(true, i, "SELECT", 0, 6)
        && (sql.length() == i + 6 || !Character.isLetterOrDigit(sql.charAt(i + 6)));
  }

  /** The first row, if any (a single value that is NULL reads as empty). The statement should select at most one. */
  public static <T> Optional<T> one(Database db, String method, String sql, Binder binder, RowMapper<T> mapper) {
    return run(db, method, sql, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        binder.bind(ps);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.ofNullable(mapper.map(rs)) : Optional.empty();
        }
      }
    });
  }

  /** Every row, in the statement's order. */
  public static <T> List<T> list(Database db, String method, String sql, Binder binder, RowMapper<T> mapper) {
    return run(db, method, sql, c -> query(c, sql, binder, mapper));
  }

  /** Every row of a query on a connection already lent, in the statement's order. */
  public static <T> List<T> query(Connection c, String sql, Binder binder, RowMapper<T> mapper) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
        return rows;
      }
    }
  }

  /** The first column of the single row, such as a {@code count(*)}. */
  public static long count(Database db, String method, String sql, Binder binder) {
    return run(db, method, sql, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        binder.bind(ps);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  /** The boolean first column of the single row, such as an {@code EXISTS (...)}. */
  public static boolean exists(Database db, String method, String sql, Binder binder) {
    return run(db, method, sql, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        binder.bind(ps);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getBoolean(1);
        }
      }
    });
  }

  /** Runs an INSERT, UPDATE or DELETE without RETURNING and gives the row count. */
  public static int update(Database db, String method, String sql, Binder binder) {
    return run(db, method, sql, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        binder.bind(ps);
        return ps.executeUpdate();
      }
    });
  }

  /** Binds nothing: for statements without parameters. */
  public static final Binder NO_PARAMETERS = ps -> { };
}
