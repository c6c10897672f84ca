package dev.quarry.runtime.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Statements partition maintenance runs on a lent connection, failures translated for its method. */
public final class Sessions {
  /** Every lock maintenance takes waits at most this long, so it never stalls live traffic. */
  public static final String LOCK_TIMEOUT = "3s";

  private Sessions() {}

  public static void execute(Connection c, String method, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw SqlStates.translate(e, method, sql);
    }
  }

  /**
   * UTC and ISO dates for this transaction: {@code pg_get_expr} prints timestamptz bounds in
   * the session's zone, and bounds are compared after parsing that text.
   */
  public static void utc(Connection c) throws SQLException {
    execute(c, "PartitionManager", "SET LOCAL TimeZone = 'UTC'");
    execute(c, "PartitionManager", "SET LOCAL DateStyle = 'ISO, YMD'");
  }
}
