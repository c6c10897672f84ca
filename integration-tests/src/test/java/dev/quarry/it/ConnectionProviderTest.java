package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.ConnectionProvider;
import dev.quarry.runtime.Database;
import dev.quarry.runtime.UniqueViolationException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The connection seam: an outer owner's transaction takes Quarry's writes, and Quarry never
 * commits, rolls back or changes auto-commit on a connection it did not open.
 */
class ConnectionProviderTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  @BeforeAll
  static void schema() {
    pg.apply(CounterSchema.statements());
  }

  @BeforeEach
  void empty() {
    pg.sql("DELETE FROM counters");
  }

  /**
   * A transaction manager in miniature: it binds one connection with auto-commit off to the
   * thread, as Spring's TransactionAwareDataSourceProxy or a JTA pool lend it.
   */
  static final class Outer implements ConnectionProvider {
    final Connection bound;
    final AtomicInteger acquired = new AtomicInteger();
    final AtomicInteger released = new AtomicInteger();
    final AtomicInteger marked = new AtomicInteger();

    Outer(DataSource ds) throws SQLException {
      bound = ds.getConnection();
      bound.setAutoCommit(false);
    }

    @Override
    public DataSource dataSource() {
      return pg.dataSource();
    }

    @Override
    public Connection acquire() {
      acquired.incrementAndGet();
      return bound;
    }

    @Override
    public void markRollbackOnly(Connection connection) {
      marked.incrementAndGet();
    }

    @Override
    public void release(Connection connection) {
      released.incrementAndGet();
    }
  }

  @Test
  void writesOnAManagedConnectionCommitAndRollBackWithItsOwner() throws SQLException {
    Outer outer = new Outer(pg.dataSource());
    try (Connection c = outer.bound) {
      CounterDao counters = new CounterDao(Database.of(outer));
      counters.insert(new Counter("rolled-back", 1));
      Database.of(outer).transaction(() -> counters.insert(new Counter("inner-unit", 1)));
      assertFalse(c.getAutoCommit(), "Quarry changed auto-commit on a connection it did not open");
      assertEquals(0L, pg.value("SELECT count(*) FROM counters"), "Quarry committed the owner's transaction");
      c.rollback();
      assertEquals(0L, pg.value("SELECT count(*) FROM counters"));

      counters.insert(new Counter("committed", 1));
      c.commit();
      assertEquals(1L, pg.value("SELECT count(*) FROM counters"));
      assertEquals(outer.acquired.get(), outer.released.get());
      assertEquals(0, outer.marked.get());
      c.setAutoCommit(true);
    }
  }

  @Test
  void theDefaultProviderTreatsAConnectionLentWithoutAutoCommitAsTheLendersTransaction() throws SQLException {
    try (Connection c = pg.dataSource().getConnection()) {
      c.setAutoCommit(false);
      DataSource lender = lending(c);
      CounterDao counters = new CounterDao(Database.of(lender));
      counters.insert(new Counter("lent", 1));
      assertFalse(c.getAutoCommit());
      c.rollback();
      assertEquals(0L, pg.value("SELECT count(*) FROM counters"));
      c.setAutoCommit(true);
    }
  }

  @Test
  void aFailureOnAManagedConnectionMarksTheOwnerRollbackOnly() throws SQLException {
    Outer outer = new Outer(pg.dataSource());
    try (Connection c = outer.bound) {
      CounterDao counters = new CounterDao(Database.of(outer));
      counters.insert(new Counter("dup", 1));
      assertThrows(UniqueViolationException.class, () -> counters.insert(new Counter("dup", 2)));
      assertEquals(1, outer.marked.get());
      assertEquals(outer.acquired.get(), outer.released.get());
      c.rollback();
      c.setAutoCommit(true);
    }
  }

  @Test
  void plainPoolsKeepTheirBehaviour() {
    Database db = pg.db();
    CounterDao counters = new CounterDao(db);
    counters.insert(new Counter("auto", 1));
    db.transaction(() -> counters.insert(new Counter("unit", 1)));
    assertThrows(IllegalStateException.class, () -> db.transaction(() -> {
      counters.insert(new Counter("gone", 1));
      throw new IllegalStateException("boom");
    }));
    assertEquals(2L, pg.value("SELECT count(*) FROM counters"));
    assertTrue(db.withConnection(Connection::getAutoCommit));
  }

  /** A data source that lends one connection and ignores close, as a transaction-aware proxy does. */
  private static DataSource lending(Connection c) {
    Connection unclosable = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          if (method.getName().equals("close")) {
            return null;
          }
          try {
            return method.invoke(c, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
          if (method.getName().equals("getConnection")) {
            return unclosable;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }
}
