package dev.quarry.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.quarry.runtime.Database;
import dev.quarry.runtime.Schema;
import java.util.List;

/**
 * A HikariCP pool of four connections into a fresh schema, with the {@link WatchedDataSource}
 * over it that a test's Spring context uses, for tests that build their context by hand.
 */
final class TestPool implements AutoCloseable {
  final String schema;
  final HikariDataSource hikari;
  final WatchedDataSource watched;

  /** Creates the schema, then runs {@code ddl} in it. */
  TestPool(Class<?> owner, List<String> ddl) {
    schema = TestDb.createSchema(owner);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(TestDb.url(schema));
    config.setMaximumPoolSize(4);
    hikari = new HikariDataSource(config);
    watched = new WatchedDataSource(hikari);
    Schema.apply(Database.of(hikari), ddl);
  }

  /** Runs {@code sql} outside the context under test (emptying tables between tests), and forgets earlier faults. */
  void reset(String sql) {
    Database.of(hikari).withConnection(c -> c.createStatement().execute(sql));
    watched.faults.clear();
  }

  /** No connection is out of the pool, and none was mistreated ({@link WatchedDataSource}). */
  void assertNothingLeaked() {
    assertEquals(0, hikari.getHikariPoolMXBean().getActiveConnections(), "connections still out of the pool");
    assertEquals(List.of(), watched.faults);
  }

  /** {@code SELECT count(*) ...} with one text parameter, on a connection of its own in auto-commit mode. */
  long count(String sql, String value) {
    return Database.of(hikari).withConnection(c -> {
      try (var ps = c.prepareStatement(sql)) {
        ps.setString(1, value);
        try (var rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  @Override
  public void close() {
    hikari.close();
    TestDb.dropSchema(schema);
  }
}
