package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.quarry.runtime.ConnectionLostException;
import dev.quarry.runtime.Database;
import dev.quarry.runtime.Schema;
import dev.quarry.runtime.TransactionOutcomeUnknownException;
import java.net.SocketTimeoutException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Matrix rows 15, 16 and 17 on a private cluster this class starts itself (never the shared
 * server): a fast restart under load, the server down for a while, and a backend stopped with
 * SIGSTOP. Under every failure, each unit reports the truth: a success was committed, a
 * ConnectionLostException committed nothing, only a TransactionOutcomeUnknownException may
 * have gone either way; and traffic recovers without restarting the application.
 */
@Tag("slow")
class ServerFailureTest {
  static PrivateCluster cluster;

  @BeforeAll
  static void cluster() {
    cluster = PrivateCluster.primary();
    Database setup = Database.of(simple(""));
    Schema.apply(setup, CounterSchema.statements());
  }

  @AfterAll
  static void remove() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** What a unit reported for the row it wrote. */
  enum Reported { COMMITTED, LOST, UNKNOWN }

  /** Row 15: each pooled connection fails at most once, then traffic recovers on new ones. */
  @Test
  void aFastRestartUnderLoadCostsAtMostOneFailurePerPooledConnection() throws Exception {
    int poolSize = 4;
    try (HikariDataSource pool = pool(poolSize, 10_000)) {
      Database db = Database.of(pool);
      CounterDao counters = new CounterDao(db);
      Map<String, Reported> reported = new ConcurrentHashMap<>();
      AtomicBoolean restarted = new AtomicBoolean();
      AtomicInteger successesAfterRestart = new AtomicInteger();
      ExecutorService threads = Executors.newFixedThreadPool(poolSize);
      List<Future<?>> loops = new java.util.ArrayList<>();
      for (int t = 0; t < poolSize; t++) {
        String thread = "restart-" + t + "-";
        loops.add(threads.submit(() -> {
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
          for (int i = 0; successesAfterRestart.get() < 12 && System.nanoTime() < deadline; i++) {
            String key = thread + i;
            Reported r = unit(db, counters, key);
            reported.put(key, r);
            if (r == Reported.COMMITTED && restarted.get()) {
              successesAfterRestart.incrementAndGet();
            }
          }
          return null;
        }));
      }
      awaitCommitted(reported, 12);
      long restartStart = System.nanoTime();
      cluster.restart();
      long back = System.nanoTime();
      restarted.set(true);
      for (Future<?> f : loops) {
        f.get(60, TimeUnit.SECONDS);
      }
      threads.shutdown();
      assertTrue(successesAfterRestart.get() >= 12, "traffic recovered");
      long failures = reported.values().stream().filter(r -> r != Reported.COMMITTED).count();
      assertTrue(failures >= 1, "the restart reached the pool");
      assertTrue(failures <= poolSize, "at most one failure per pooled connection, was " + failures);
      System.out.printf("restart under load: restart took %d ms, %d failures on a pool of %d, %d units in all%n",
          (back - restartStart) / 1_000_000, failures, poolSize, reported.size());
      assertTruthful(new CounterDao(Database.of(simple(""))), reported);
    }
  }

  /** Row 16: while the server is down, borrowers fail fast with a connection loss; then they recover. */
  @Test
  void whileTheServerIsDownCallsFailFastAndRecoverAfterwards() throws Exception {
    try (HikariDataSource pool = pool(2, 1000)) {
      Database db = Database.of(pool);
      CounterDao counters = new CounterDao(db);
      Map<String, Reported> reported = new ConcurrentHashMap<>();
      assertEquals(Reported.COMMITTED, unit(db, counters, "down-before"));
      cluster.stop();
      try {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
        for (int i = 0; System.nanoTime() < until; i++) {
          long start = System.nanoTime();
          Reported r = unit(db, counters, "down-" + i);
          long tookMs = (System.nanoTime() - start) / 1_000_000;
          reported.put("down-" + i, r);
          assertTrue(r != Reported.COMMITTED, "no unit can commit on a stopped server");
          assertTrue(tookMs < 5000, "a borrower waits about connectionTimeout (1 s), waited " + tookMs + " ms");
        }
      } finally {
        cluster.start();
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      Reported after;
      int i = 0;
      do {
        after = unit(db, counters, "down-after-" + i);
        reported.put("down-after-" + i++, after);
      } while (after != Reported.COMMITTED && System.nanoTime() < deadline);
      assertEquals(Reported.COMMITTED, after, "recovered once the server was back");
      assertTruthful(new CounterDao(Database.of(simple(""))), reported);
    }
  }

  /**
   * Row 17: a stopped backend (SIGSTOP) is detected by socketTimeout as a connection loss after
   * about 2 s; the control without socketTimeout hangs until the backend is continued.
   */
  @Test
  void aStoppedBackendIsAConnectionLossAfterTheSocketTimeout() throws Exception {
    Database db = Database.of(simple("socketTimeout=2"));
    CounterDao counters = new CounterDao(db);
    int[] pid = new int[1];
    long[] tookMs = new long[1];
    ConnectionLostException e = assertThrows(ConnectionLostException.class, () -> db.transaction(() -> {
      counters.insert(new Counter("stopped", 1));
      pid[0] = backendPid(db);
      cluster.signal("STOP", pid[0]);
      long start = System.nanoTime();
      try {
        counters.count();
      } finally {
        tookMs[0] = (System.nanoTime() - start) / 1_000_000;
        cluster.signal("CONT", pid[0]);
      }
    }));
    assertFalse(e instanceof TransactionOutcomeUnknownException, "it failed before COMMIT");
    assertTrue(e.sqlState().startsWith("08"), e.sqlState());
    assertTrue(hasCause(e, SocketTimeoutException.class), "caused by the socket timeout");
    assertTrue(tookMs[0] >= 1500 && tookMs[0] < 10_000, "about socketTimeout = 2 s, took " + tookMs[0]);
    assertFalse(new CounterDao(Database.of(simple(""))).existsById("stopped"));
  }

  /** The control: without socketTimeout the same call waits as long as the backend is stopped. */
  @Test
  void withoutSocketTimeoutAStoppedBackendHangsTheCaller() throws Exception {
    Database db = Database.of(simple(""));
    AtomicInteger pid = new AtomicInteger();
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      Future<Long> call = caller.submit(() -> db.withConnection(c -> {
        pid.set(pgBackendPid(c));
        cluster.signal("STOP", pid.get());
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT 1")) {
          rs.next();
          return rs.getLong(1);
        }
      }));
      Thread.sleep(3000);
      assertTrue(pid.get() > 0, "the backend was stopped");
      assertFalse(call.isDone(), "the call hangs while the backend is stopped");
      cluster.signal("CONT", pid.get());
      assertEquals(1L, call.get(10, TimeUnit.SECONDS));
    } finally {
      caller.shutdownNow();
    }
  }

  /**
   * A backend stopped while COMMIT is in flight: the socket timeout fires with the COMMIT
   * unanswered, so the outcome is unknown; once the backend runs again it reads the COMMIT that
   * waits in its socket and commits. This is why the exception must not say "rolled back".
   */
  @Test
  void aBackendStoppedAtCommitIsAnUnknownOutcomeThatLaterCommits() throws Exception {
    Database db = Database.of(simple("socketTimeout=2"));
    CounterDao counters = new CounterDao(db);
    int[] pid = new int[1];
    assertThrows(TransactionOutcomeUnknownException.class, () -> db.transaction(() -> {
      counters.insert(new Counter("stopped-at-commit", 1));
      pid[0] = backendPid(db);
      cluster.signal("STOP", pid[0]);
    }));
    cluster.signal("CONT", pid[0]);
    CounterDao checker = new CounterDao(Database.of(simple("")));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!checker.existsById("stopped-at-commit") && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(checker.existsById("stopped-at-commit"), "the COMMIT took effect after all");
  }

  // --- helpers ----------------------------------------------------------------------------

  private static Reported unit(Database db, CounterDao counters, String key) {
    try {
      db.transaction(() -> counters.insert(new Counter(key, 1)));
      return Reported.COMMITTED;
    } catch (TransactionOutcomeUnknownException e) {
      return Reported.UNKNOWN;
    } catch (ConnectionLostException e) {
      return Reported.LOST;
    }
  }

  /** Every committed key is stored, every lost one is not; unknown ones may be either. */
  private static void assertTruthful(CounterDao checker, Map<String, Reported> reported) {
    reported.forEach((key, r) -> {
      if (r == Reported.COMMITTED) {
        assertTrue(checker.existsById(key), key + " was reported committed");
      } else if (r == Reported.LOST) {
        assertFalse(checker.existsById(key), key + " was reported lost, nothing committed");
      }
    });
  }

  private static void awaitCommitted(Map<String, Reported> reported, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (reported.values().stream().filter(r -> r == Reported.COMMITTED).count() < n) {
      if (System.nanoTime() > deadline) {
        fail("no traffic before the restart");
      }
      Thread.sleep(10);
    }
  }

  private static HikariDataSource pool(int size, long connectionTimeoutMs) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(cluster.url());
    config.setMaximumPoolSize(size);
    config.setConnectionTimeout(connectionTimeoutMs);
    config.setPoolName("server-failure");
    return new HikariDataSource(config);
  }

  private static PGSimpleDataSource simple(String properties) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(cluster.url() + (properties.isEmpty() ? "" : "&" + properties));
    return ds;
  }

  private static int backendPid(Database db) {
    return db.withConnection(ServerFailureTest::pgBackendPid);
  }

  private static int pgBackendPid(java.sql.Connection c) throws java.sql.SQLException {
    try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
