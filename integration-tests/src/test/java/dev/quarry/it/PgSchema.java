package dev.quarry.it;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.quarry.runtime.Database;
import dev.quarry.runtime.Schema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A schema of its own for one test class, so classes run in any order, in parallel, and on a
 * database that is not empty. Connections get {@code currentSchema}, and generated SQL uses
 * unqualified names, so the DAOs work in it unchanged. Dropped after the class.
 *
 * <pre>{@code @RegisterExtension static final PgSchema pg = new PgSchema();}</pre>
 */
public final class PgSchema implements BeforeAllCallback, AfterAllCallback {
  private final Supplier<String> server;
  private String schema;
  private HikariDataSource pool;
  private Database db;

  /** A schema on the tests' database ({@link TestPostgres#url()}). */
  public PgSchema() {
    this(TestPostgres::url);
  }

  /** A schema on the server {@code url} gives, asked once before the class. */
  public PgSchema(Supplier<String> url) {
    this.server = url;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws SQLException {
    String owner = context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT);
    schema = "q_" + owner + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFL);
    execute("CREATE SCHEMA " + schema);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(withSchema(server.get(), schema));
    config.setMaximumPoolSize(12);
    config.setPoolName(schema);
    pool = new HikariDataSource(config);
    db = Database.of(pool);
  }

  @Override
  public void afterAll(ExtensionContext context) throws SQLException {
    if (pool != null) {
      pool.close();
    }
    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  public Database db() {
    return db;
  }

  public DataSource dataSource() {
    return pool;
  }

  public String schema() {
    return schema;
  }

  /** A JDBC URL that lands in this schema. */
  public String url() {
    return withSchema(server.get(), schema);
  }

  /** Applies generated statements. */
  public void apply(List<String> statements) {
    Schema.apply(db, statements);
  }

  /** Runs SQL in this schema, outside any DAO. */
  public void sql(String sql) {
    db.withConnection(c -> {
      try (Statement s = c.createStatement()) {
        s.execute(sql);
      }
      return null;
    });
  }

  /** The single value a query returns. */
  public Object value(String sql) {
    return db.withConnection(c -> {
      try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
        rs.next();
        return rs.getObject(1);
      }
    });
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(server.get()); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  static String withSchema(String url, String schema) {
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }
}
