package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.quarry.runtime.Database;
import dev.quarry.runtime.Schema;
import dev.quarry.runtime.TxOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Read routing on real streaming replication: a primary and a hot standby of the test's own
 * ({@link PrivateCluster}), {@code pg_is_in_recovery()} telling which one answered, replay paused
 * with {@code pg_wal_replay_pause()} to make the standby fall behind, and the standby stopped
 * at the end to prove the fallback to the primary.
 */
@Tag("replication")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaTest {
  private static PrivateCluster primary;
  private static PrivateCluster standby;
  private static HikariDataSource primaryPool;
  private static HikariDataSource standbyPool;

  @BeforeAll
  static void start() {
    primary = PrivateCluster.primary();
    primaryPool = pool(primary.url(), 30_000);
    Schema.apply(Database.of(primaryPool), ReplicaNoteSchema.statements());
    standby = primary.standby();
    // A stopped standby costs a read this long once a second: keep it short, as in production.
    standbyPool = pool(standby.url(), 2_000);
  }

  @AfterAll
  static void stop() {
    if (standbyPool != null) {
      standbyPool.close();
    }
    if (primaryPool != null) {
      primaryPool.close();
    }
    if (standby != null) {
      standby.close();
    }
    if (primary != null) {
      primary.close();
    }
  }

  private static HikariDataSource pool(String url, long connectionTimeoutMillis) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(4);
    config.setInitializationFailTimeout(-1); // the standby may be stopped while the pool lives
    config.setConnectionTimeout(connectionTimeoutMillis);
    return new HikariDataSource(config);
  }

  private static Database routed(Duration maxLag) {
    return Database.builder(primaryPool).replicas(standbyPool).maxReplicaLag(maxLag).build();
  }

  @Test
  @Order(1)
  void readsGoToTheStandbyWritesAndReadWriteUnitsToThePrimary() throws Exception {
    Database db = routed(Duration.ofSeconds(30));
    ReplicaNoteDao notes = new ReplicaNoteDao(db);
    awaitCaughtUp();
    assertTrue(ReplicaTest.<Boolean>onFreshThread(notes::servedByStandby), "a read outside a unit");
    assertTrue(ReplicaTest.<Boolean>onFreshThread(() -> db.transaction(TxOptions.defaults().readOnly(true), () -> { return notes.servedByStandby(); })),
        "a read-only unit");
    assertFalse(ReplicaTest.<Boolean>onFreshThread(() -> db.transaction(() -> { return notes.servedByStandby(); })), "a read-write unit");
    assertFalse(ReplicaTest.<Boolean>onFreshThread(() -> db.transaction(TxOptions.defaults().readOnly(true)
        .isolation(TxOptions.Isolation.SERIALIZABLE), () -> { return notes.servedByStandby(); })), "standbys cannot run SERIALIZABLE");
    assertFalse(ReplicaTest.<Boolean>onFreshThread(() -> db.withConnection(c -> servedByStandby(c))), "withConnection is the primary's");
    // A SELECT that writes cannot run on a standby (25006): it runs again on the primary.
    assertTrue(onFreshThread(notes::nextId) > 0);
    ReplicaNote stored = notes.insert(new ReplicaNote(null, "written on the primary"));
    assertEquals(stored, notes.findById(stored.id()).orElseThrow(), "read-your-writes");
  }

  @Test
  @Order(2)
  void aThreadReadsItsOwnWritesWhileTheStandbyIsBehind() throws Exception {
    Database db = routed(Duration.ofMinutes(5));
    ReplicaNoteDao notes = new ReplicaNoteDao(db);
    awaitCaughtUp();
    onStandby("SELECT pg_wal_replay_pause()");
    try {
      ReplicaNote mine = notes.insert(new ReplicaNote(null, "mine"));
      assertEquals(mine, notes.findById(mine.id()).orElseThrow(), "the writer's own read goes to the primary");
      assertFalse(notes.servedByStandby(), "until the standby replays the write");
      // Another thread made no write: the standby, within the lag bound, serves it, without the row.
      assertTrue(ReplicaTest.<Boolean>onFreshThread(notes::servedByStandby));
      assertTrue(onFreshThread(() -> notes.findById(mine.id())).isEmpty(), "the standby is behind");
      onStandby("SELECT pg_wal_replay_resume()");
      awaitCaughtUp();
      assertTrue(notes.servedByStandby(), "caught up: the writer reads from the standby again");
      assertEquals(mine, notes.findById(mine.id()).orElseThrow());
    } finally {
      onStandby("SELECT pg_wal_replay_resume()");
    }
  }

  @Test
  @Order(3)
  void aStandbyLaggingPastTheBoundIsLeftOut() throws Exception {
    Database db = routed(Duration.ofMillis(400));
    ReplicaNoteDao notes = new ReplicaNoteDao(db);
    awaitCaughtUp();
    assertTrue(ReplicaTest.<Boolean>onFreshThread(notes::servedByStandby));
    onStandby("SELECT pg_wal_replay_pause()");
    try {
      // Written by a plain database on another thread, so no read-your-writes position is involved.
      onFreshThread(() -> new ReplicaNoteDao(Database.of(primaryPool)).insert(new ReplicaNote(null, "pending")));
      Thread.sleep(1200); // past the bound and the status kept
      assertFalse(ReplicaTest.<Boolean>onFreshThread(notes::servedByStandby), "lag over 400 ms: the primary");
    } finally {
      onStandby("SELECT pg_wal_replay_resume()");
    }
    awaitCaughtUp();
    Thread.sleep(200);
    assertTrue(ReplicaTest.<Boolean>onFreshThread(notes::servedByStandby), "back within the bound");
  }

  @Test
  @Order(4)
  void aStoppedStandbyMeansThePrimary() {
    Database db = routed(Duration.ofSeconds(30));
    ReplicaNoteDao notes = new ReplicaNoteDao(db);
    ReplicaNote row = onFreshThread(() -> new ReplicaNoteDao(Database.of(primaryPool)).insert(new ReplicaNote(null, "x")));
    standby.stop();
    assertFalse(ReplicaTest.<Boolean>onFreshThread(notes::servedByStandby), "no healthy standby: the primary");
    assertEquals(row, onFreshThread(() -> notes.findById(row.id())).orElseThrow());
    assertEquals(0, primaryPool.getHikariPoolMXBean().getActiveConnections());
  }

  /** Runs {@code work} on a thread that has made no write, so read-your-writes does not pin it to the primary. */
  private static <T> T onFreshThread(Supplier<T> work) {
    return CompletableFuture.supplyAsync(work, r -> new Thread(r).start()).join();
  }

  private static boolean servedByStandby(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  private static void onStandby(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(standby.url()); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /**
   * Waits until the standby streams and has replayed everything the primary has inserted into its
   * WAL so far: the insert position, which read-your-writes compares with, not the write position
   * (with synchronous_commit = off the two differ until the WAL writer catches up).
   */
  private static void awaitCaughtUp() throws Exception {
    String target;
    try (Connection c = DriverManager.getConnection(primary.url()); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
      rs.next();
      target = rs.getString(1);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    try (Connection c = DriverManager.getConnection(standby.url()); Statement s = c.createStatement()) {
      while (true) {
        try (ResultSet rs = s.executeQuery("SELECT pg_last_wal_replay_lsn() >= '" + target + "'::pg_lsn "
            + "AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming')")) {
          rs.next();
          if (rs.getBoolean(1)) {
            return;
          }
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the standby did not catch up with " + target);
        }
        Thread.sleep(20);
      }
    }
  }
}
