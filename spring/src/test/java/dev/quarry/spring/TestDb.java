package dev.quarry.spring;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * PostgreSQL for these tests: {@code QUARRY_JDBC_URL}, else the local server's {@code test}
 * database. Each test class works in a schema of its own, dropped afterwards.
 */
final class TestDb {
  static final String URL = url();

  private TestDb() {}

  private static String url() {
    String fromEnv = System.getenv("QUARRY_JDBC_URL");
    return fromEnv != null && !fromEnv.isBlank() ? fromEnv : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
  }

  /** Creates a fresh schema named after {@code owner} and returns its name. */
  static String createSchema(Class<?> owner) {
    String schema = "qs_" + owner.getSimpleName().toLowerCase(Locale.ROOT) + "_"
        + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFL);
    execute("CREATE SCHEMA " + schema);
    return schema;
  }

  static void dropSchema(String schema) {
    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  /** A JDBC URL whose connections land in {@code schema}. */
  static String url(String schema) {
    return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(URL); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
