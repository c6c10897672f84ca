package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.quarry.runtime.ConnectionLostException;
import dev.quarry.runtime.Database;
import dev.quarry.runtime.QueryTimeoutException;
import dev.quarry.runtime.TransactionOutcomeUnknownException;
import dev.quarry.runtime.TransientDataException;
import dev.quarry.runtime.TxOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Timeouts per unit (matrix rows 18-21): a unit's statement and lock timeouts fire, and never
 * reach the next borrower of the pooled connection. The pool holds one connection, so every
 * unit below runs on the same server session (asserted by its backend pid).
 */
class TimeoutTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static HikariDataSource single;
  static Database db;
  static CounterDao counters;
  static int pid;
  static String serverStatementTimeout;
  static String serverLockTimeout;

  @BeforeAll
  static void pool() {
    pg.apply(CounterSchema.statements());
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(pg.url());
    config.setMaximumPoolSize(1);
    config.setPoolName("timeout-test");
    single = new HikariDataSource(config);
    db = Database.of(single);
    counters = new CounterDao(db);
    pid = backendPid();
    serverStatementTimeout = show("statement_timeout");
    serverLockTimeout = show("lock_timeout");
  }

  @AfterAll
  static void close() {
    single.close();
  }

  /** Row 19: statement_timeout through the unit, and nothing of it on the next borrow. */
  @Test
  void statementTimeoutFiresAndDoesNotLeak() {
    TxOptions quick = TxOptions.defaults().statementTimeout(Duration.ofMillis(300));
    long start = System.nanoTime();
    QueryTimeoutException e = assertThrows(QueryTimeoutException.class, () -> db.transaction(quick, () -> {
      counters.insert(new Counter("timed-out", 1));
      sleepInServer(20);
    }));
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertEquals("57014", e.sqlState());
    assertTrue(tookMs < 10_000, "cancelled after about 300 ms, not after the 20 s sleep; took " + tookMs);
    assertFalse(counters.existsById("timed-out"), "the unit was rolled back");
    assertNothingLeaked();
    // Success path: the setting applies inside, then is gone.
    db.transaction(quick, () -> assertEquals("300ms", show("statement_timeout")));
    assertNothingLeaked();
    sleepInServer(0.5); // longer than 300 ms, on the same session: no timeout left behind
  }

  /** Row 20: a lock wait bounded by lockTimeout, against a table lock held elsewhere. */
  @Test
  void lockTimeoutFiresAndDoesNotLeak() throws Exception {
    counters.insert(new Counter("locked", 1));
    try (Connection holder = DriverManager.getConnection(pg.url()); Statement s = holder.createStatement()) {
      holder.setAutoCommit(false);
      s.execute("LOCK TABLE counters IN ACCESS EXCLUSIVE MODE");
      long start = System.nanoTime();
      TransientDataException e = assertThrows(TransientDataException.class, () -> db.transaction(
          TxOptions.defaults().lockTimeout(Duration.ofMillis(200)), () -> counters.findById("locked")));
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertEquals("55P03", e.sqlState());
      assertTrue(tookMs < 10_000, "gave up after about 200 ms, took " + tookMs);
      holder.rollback();
    }
    assertNothingLeaked();
    db.transaction(TxOptions.defaults().lockTimeout(Duration.ofMillis(250)), () -> assertEquals("250ms", show("lock_timeout")));
    assertNothingLeaked();
  }

  /** A nested unit's timeouts bound the nested unit only; the outer unit's are back afterwards. */
  @Test
  void aNestedUnitsTimeoutsEndWithIt() {
    db.transaction(TxOptions.defaults().statementTimeout(Duration.ofSeconds(5)), () -> {
      db.transaction(TxOptions.defaults().statementTimeout(Duration.ofMillis(200)).lockTimeout(Duration.ofMillis(100)),
          () -> {
            assertEquals("200ms", show("statement_timeout"));
            assertEquals("100ms", show("lock_timeout"));
          });
      assertEquals("5s", show("statement_timeout"));
      assertEquals(serverLockTimeout, show("lock_timeout"));
      assertThrows(QueryTimeoutException.class, () -> db.transaction(
          TxOptions.defaults().statementTimeout(Duration.ofMillis(200)), () -> sleepInServer(2)));
      assertEquals("5s", show("statement_timeout"), "rolled back to the savepoint, the setting too");
      sleepInServer(0.4); // the outer unit goes on, with its own 5 s
    });
    assertNothingLeaked();
  }

  /** Row 18: a JDBC query timeout is a QueryTimeoutException; the connection stays usable, the unit rolls back. */
  @Test
  void aJdbcQueryTimeoutIsAQueryTimeout() {
    QueryTimeoutException e = assertThrows(QueryTimeoutException.class, () -> db.withConnection(c -> {
      try (Statement s = c.createStatement()) {
        s.setQueryTimeout(1);
        s.execute("SELECT pg_sleep(5)");
      }
      return null;
    }));
    assertEquals("57014", e.sqlState());
    assertEquals(pid, backendPid(), "the same session serves the next call");
    assertThrows(QueryTimeoutException.class, () -> db.transaction(() -> {
      counters.insert(new Counter("query-timeout", 1));
      db.withConnection(c -> {
        try (Statement s = c.createStatement()) {
          s.setQueryTimeout(1);
          s.execute("SELECT pg_sleep(5)");
        }
        return null;
      });
    }));
    assertFalse(counters.existsById("query-timeout"));
    assertNothingLeaked();
  }

  /**
   * Row 21: a unit idle past idle_in_transaction_session_timeout loses its session: a
   * connection loss known to have committed nothing, and the pool replaces the connection.
   */
  @Test
  void idleInTransactionEndsTheSessionAndCommitsNothing() throws Exception {
    CountDownLatch idled = new CountDownLatch(1);
    ConnectionLostException e = assertThrows(ConnectionLostException.class, () -> db.transaction(() -> {
      counters.insert(new Counter("idle", 1));
      // Set last, right before the idle time: the server counts from the end of this statement.
      db.withConnection(c -> {
        try (Statement s = c.createStatement()) {
          s.execute("SET LOCAL idle_in_transaction_session_timeout = '300ms'");
        }
        return null;
      });
      pause(1500);
      idled.countDown();
      counters.count();
    }));
    pid = backendPid(); // the pool replaced the session that was ended
    assertEquals(0, idled.getCount());
    assertFalse(e instanceof TransactionOutcomeUnknownException, "failed before COMMIT: the outcome is known");
    assertTrue(e.sqlState().equals("25P03") || e.sqlState().startsWith("08"), e.sqlState());
    assertFalse(counters.existsById("idle"), "nothing committed");
    assertNothingLeaked();
  }

  @Test
  void timeoutsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> TxOptions.defaults().statementTimeout(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> TxOptions.defaults().lockTimeout(null));
    assertThrows(IllegalArgumentException.class, () -> TxOptions.defaults().statementTimeout(Duration.ofDays(30)));
    // Below a millisecond rounds up: 0 would mean "no timeout".
    db.transaction(TxOptions.defaults().statementTimeout(Duration.ofNanos(1)), () -> assertEquals("1ms", show("statement_timeout")));
    db.transaction(TxOptions.defaults().statementTimeout(Duration.ZERO), () -> assertEquals("0", show("statement_timeout")));
    assertNothingLeaked();
  }

  private static void assertNothingLeaked() {
    assertEquals(pid, backendPid(), "the pool of one lent the same session");
    assertEquals(serverStatementTimeout, show("statement_timeout"));
    assertEquals(serverLockTimeout, show("lock_timeout"));
    assertEquals(serverStatementTimeout, db.transaction(() -> show("statement_timeout")));
    assertInstanceOf(Integer.class, backendPid());
  }

  private static String show(String setting) {
    return db.withConnection(c -> {
      try (Statement s = c.createStatement(); var rs = s.executeQuery("SHOW " + setting)) {
        rs.next();
        return rs.getString(1);
      }
    });
  }

  private static int backendPid() {
    return db.withConnection(c -> {
      try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        return rs.getInt(1);
      }
    });
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void sleepInServer(double seconds) {
    db.withConnection(c -> {
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_sleep(" + seconds + ")");
      }
      return null;
    });
  }
}
