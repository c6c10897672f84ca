package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Upserts that neither race, nor fail on duplicates, nor deadlock. */
class UpsertTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static StockDao stock;

  @BeforeAll
  static void schema() {
    pg.apply(StockSchema.statements());
    stock = new StockDao(pg.db());
  }

  @Test
  void upsertInsertsThenUpdatesWithoutChangingTheKey() {
    Stock a = stock.upsert(new Stock("UP-1", 1, null, null, null));
    Stock b = stock.upsert(new Stock("UP-1", 2, "restocked", null, null));
    assertEquals("UP-1", b.sku());
    assertEquals(2, b.quantity());
    assertEquals(a.createdAt(), b.createdAt());
    assertTrue(b.updatedAt().isAfter(a.updatedAt()));
  }

  @Test
  void concurrentUpsertsFromEightThreadsOnTenKeysLoseNothing() throws Exception {
    int threads = 8;
    int perThread = 200;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < perThread; i++) {
          stock.upsert(new Stock("C-" + (i % 10), thread * 1000L + i, "t" + thread, null, null));
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get(); // any exception (a unique violation from a lost race) fails the test
    }
    pool.shutdown();
    assertEquals(10L, pg.value("SELECT count(*) FROM stock WHERE sku LIKE 'C-%'"));
    for (int k = 0; k < 10; k++) {
      Stock s = stock.findById("C-" + k).orElseThrow();
      assertEquals(s.note(), "t" + s.quantity() / 1000, "each row holds one whole write");
    }
  }

  @Test
  void duplicateKeysInOneBulkUpsertKeepTheLastRow() {
    List<Stock> rows = List.of(new Stock("D-1", 1, "first", null, null), new Stock("D-2", 5, null, null, null),
        new Stock("D-1", 3, "last", null, null));
    assertEquals(2, stock.upsertAll(rows));
    Stock d1 = stock.findById("D-1").orElseThrow();
    assertEquals(3, d1.quantity());
    assertEquals("last", d1.note());
    Instant created = d1.createdAt();
    assertEquals(2, stock.upsertAll(List.of(new Stock("D-1", 4, null, null, null), new Stock("D-3", 1, null, null, null))));
    assertEquals(created, stock.findById("D-1").orElseThrow().createdAt(), "created keeps its first value");
    assertEquals(4, stock.findById("D-1").orElseThrow().quantity());
  }

  @Test
  void reversedBulkUpsertsRaceForSeveralRoundsWithoutDeadlock() throws Exception {
    List<Stock> ascending = batch("R-");
    stock.upsertAll(ascending);
    List<Stock> descending = new ArrayList<>(ascending);
    Collections.reverse(descending);
    for (int round = 0; round < 5; round++) {
      int deadlocks = DeadlockRace.deadlocks(() -> pg.db().transaction(() -> stock.upsertAll(ascending)),
          () -> pg.db().transaction(() -> stock.upsertAll(descending)));
      assertEquals(0, deadlocks, "round " + round);
    }
  }

  /**
   * Two batches of new keys, of 1,000 and 1,100 rows (hash tables of 1,024 and 2,048 buckets),
   * the second given in the opposite order, race into a small table, where PostgreSQL would plan
   * the MERGE as a hash join and insert in the order of its hash table. With hash joins allowed
   * they deadlock about once in twenty rounds; applied in key order they never do: the second
   * waits for the first's keys and then updates them.
   */
  @Test
  void bulkUpsertsOfNewKeysInBatchesOfDifferentSizesRaceWithoutDeadlock() throws Exception {
    for (int round = 0; round < 30; round++) {
      List<Stock> small = batch("N" + round + "-", 1000);
      List<Stock> large = new ArrayList<>(batch("N" + round + "-", 1100));
      Collections.reverse(large);
      int deadlocks = DeadlockRace.deadlocks(() -> pg.db().transaction(() -> stock.upsertAll(small)),
          () -> pg.db().transaction(() -> stock.upsertAll(large)));
      assertEquals(0, deadlocks, "round " + round);
      assertEquals(1100L, pg.value("SELECT count(*) FROM stock WHERE sku LIKE 'N" + round + "-%'"));
    }
  }

  /** The bulk upsert turns hash joins off for its MERGE only: the caller's setting is there after it. */
  @Test
  void theCallersHashJoinSettingIsThereAfterABulkUpsert() {
    pg.db().transaction(() -> {
      assertEquals(10, stock.upsertAll(batch("H-", 10)));
      assertEquals("on", setting("enable_hashjoin"));
      pg.db().withConnection(c -> {
        try (var s = c.createStatement()) {
          return s.execute("SET LOCAL enable_hashjoin = off");
        }
      });
      assertEquals(10, stock.upsertAll(batch("H-", 10)));
      assertEquals("off", setting("enable_hashjoin"));
    });
    assertEquals("on", setting("enable_hashjoin"));
  }

  private static String setting(String name) {
    return pg.db().withConnection(c -> {
      try (var s = c.createStatement(); var rs = s.executeQuery("SELECT current_setting('" + name + "')")) {
        rs.next();
        return rs.getString(1);
      }
    });
  }

  /** The control: the same batches upserted in the order given deadlock, so the test above can fail. */
  @Test
  void unsortedBatchesDoDeadlock() throws Exception {
    List<Stock> ascending = batch("U-");
    stock.upsertAll(ascending);
    List<Stock> descending = new ArrayList<>(ascending);
    Collections.reverse(descending);
    int deadlocks = 0;
    for (int round = 0; round < 5 && deadlocks == 0; round++) {
      deadlocks += DeadlockRace.deadlocks(() -> unsortedUpsert(ascending), () -> unsortedUpsert(descending));
    }
    assertTrue(deadlocks > 0, "opposite-order batches should deadlock at least once in five rounds");
  }

  private static List<Stock> batch(String prefix) {
    return batch(prefix, 1500);
  }

  private static List<Stock> batch(String prefix, int size) {
    List<Stock> rows = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      rows.add(new Stock(String.format("%s%05d", prefix, i), i, null, null, null));
    }
    return rows;
  }

  /** A hand-written batched upsert applying rows in the order given, as naive code would. */
  private static void unsortedUpsert(List<Stock> rows) {
    pg.db().transaction(() -> pg.db().withConnection(c -> {
      upsertEach(c, rows);
      return null;
    }));
  }

  private static void upsertEach(Connection c, List<Stock> rows) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO stock (sku, quantity) VALUES (?, ?) "
        + "ON CONFLICT (sku) DO UPDATE SET quantity = EXCLUDED.quantity, updated_at = now()")) {
      for (Stock s : rows) {
        ps.setString(1, s.sku());
        ps.setLong(2, s.quantity() + 1);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
