package dev.quarry.processor.verify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One compilation's connection for checking statements: a schema of its own (so a shared
 * server, or the database {@code -Aquarry.verify.url} names, is never touched outside it) that
 * holds the compilation's tables, dropped at {@link #close()}.
 */
public final class VerifySession implements AutoCloseable {
  private final Connection connection;
  private final String schema;
  private final boolean local;
  private final List<String> applied = new ArrayList<>();

  private VerifySession(Connection connection, String schema, boolean local) {
    this.connection = connection;
    this.schema = schema;
    this.local = local;
  }

  /**
   * A session on {@code url}, or on the shared local server when {@code url} is null.
   *
   * @throws Exception when no server can be started or reached; the caller says so once
   */
  public static VerifySession open(String url) throws Exception {
    boolean local = url == null;
    String target = local ? LocalPostgres.acquire().url() : url;
    Properties p = new Properties();
    p.setProperty("connectTimeout", "10");
    p.setProperty("ApplicationName", "quarry-processor");
    Connection c;
    try {
      c = LocalPostgres.connect(target, p);
    } catch (SQLException e) {
      if (local) {
        LocalPostgres.release();
      }
      throw e;
    }
    String schema = "quarry_check_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFFFL);
    try (Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
      // the compilation's tables first; then what the database's own search path holds, so that
      // the types a -Aquarry.verify.url database has (a domain, an extension's) are found
      s.execute("SELECT set_config('search_path', '" + schema + "' || CASE WHEN current_setting('search_path') = '' "
          + "THEN '' ELSE ', ' || current_setting('search_path') END, false)");
      trySet(s, "SET lc_messages TO 'C'"); // English messages, parsed for "did you mean"; superuser only
    } catch (SQLException e) {
      c.close();
      if (local) {
        LocalPostgres.release();
      }
      throw e;
    }
    return new VerifySession(c, schema, local);
  }

  private static void trySet(Statement s, String sql) {
    try {
      s.execute(sql);
    } catch (SQLException ignored) {
      // not a superuser on the -Aquarry.verify.url database: messages stay in its language
    }
  }

  public Connection connection() {
    return connection;
  }

  /** Whether the table {@code key} (a record's qualified name) has been created already. */
  public boolean has(String key) {
    return applied.contains(key);
  }

  /**
   * Runs one table's statements. A statement the server rejects (an extension missing here)
   * is returned as the failure, and the table counts as not created.
   */
  public SQLException apply(String key, List<String> statements) {
    for (String sql : statements) {
      try (Statement s = connection.createStatement()) {
        s.execute(sql);
      } catch (SQLException e) {
        return e;
      }
    }
    applied.add(key);
    return null;
  }

  /** Column names of the session's tables, for "did you mean". */
  public List<String> names(String query) {
    List<String> out = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    } catch (SQLException ignored) {
      // suggestions are a courtesy
    }
    return out;
  }

  public String schema() {
    return schema;
  }

  @Override
  public void close() {
    try (Statement s = connection.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException ignored) {
      // a leftover schema in a throwaway server is harmless
    } finally {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // nothing to do
      }
      if (local) {
        LocalPostgres.release();
      }
    }
  }
}
