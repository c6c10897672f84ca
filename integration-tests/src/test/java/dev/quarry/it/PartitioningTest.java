package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.Explain;
import dev.quarry.runtime.MaintenanceReport;
import dev.quarry.runtime.NoPartitionException;
import dev.quarry.runtime.PartitionInfo;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Declared partitioning, maintained by itself, proven by EXPLAIN. */
class PartitioningTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  @BeforeAll
  static void schema() {
    pg.apply(EventSchema.statements());
    pg.apply(ReadingSchema.statements());
    pg.apply(LedgerSchema.statements());
    pg.apply(OrderSchema.statements());
    pg.apply(MessageSchema.statements());
  }

  /** Maintenance tests each start from a freshly created parent with no partitions. */
  static void fresh(String table, List<String> statements) {
    pg.sql("DROP TABLE IF EXISTS " + table + " CASCADE");
    pg.apply(statements);
  }

  static List<String> names(List<PartitionInfo> partitions) {
    return partitions.stream().map(PartitionInfo::name).toList();
  }

  @Test
  void listAndHashPartitionsComeWithTheSchemaAndRouteRows() {
    OrderDao orders = new OrderDao(pg.db());
    assertEquals(List.of("orders_default", "orders_eu", "orders_us"), names(orders.partitions().list()));
    orders.insert(new Order(1, "us-west", "A-1", 10));
    orders.insert(new Order(2, "eu-north", "A-2", 10));
    orders.insert(new Order(3, "ap-south", "A-3", 10));
    assertEquals("orders_us", pg.value("SELECT tableoid::regclass::text FROM orders WHERE id = 1"));
    assertEquals("orders_eu", pg.value("SELECT tableoid::regclass::text FROM orders WHERE id = 2"));
    assertEquals("orders_default", pg.value("SELECT tableoid::regclass::text FROM orders WHERE id = 3"));
    assertEquals("FOR VALUES IN ('us-east', 'us-west')",
        orders.partitions().list().stream().filter(p -> p.name().equals("orders_us")).findFirst().orElseThrow().bound());

    MessageDao messages = new MessageDao(pg.db());
    List<PartitionInfo> hash = messages.partitions().list();
    assertEquals(8, hash.size());
    assertEquals("FOR VALUES WITH (modulus 8, remainder 0)", hash.get(0).bound());
    for (long user = 0; user < 64; user++) {
      messages.insert(new Message(UUID.randomUUID(), user, "hi"));
    }
    assertEquals(8L, pg.value("SELECT count(DISTINCT tableoid) FROM messages"), "rows spread over every remainder");
    assertEquals(new MaintenanceReport(List.of(), List.of()), messages.partitions().maintain(NOW));
  }

  @Test
  void maintainCreatesTheCurrentMonthAndPremakeAheadOnceWithBoundsFromTheCatalog() {
    fresh("events", EventSchema.statements());
    EventDao events = new EventDao(pg.db());
    MaintenanceReport first = events.partitions().maintain(NOW);
    assertEquals(List.of("events_p20260801", "events_p20260901", "events_p20261001", "events_p20261101",
        "events_p20261201", "events_p20270101", "events_p20270201", "events_p20270301"), first.created(),
        "the three retained behind November, November, four ahead");
    assertEquals(new MaintenanceReport(List.of(), List.of()), events.partitions().maintain(NOW), "idempotent");
    PartitionInfo nov = events.partitions().list().get(3);
    assertEquals("events_p20261101", nov.name());
    assertEquals("FOR VALUES FROM ('2026-11-01 00:00:00+00') TO ('2026-12-01 00:00:00+00')", nov.bound());
    assertFalse(nov.isDefault());
  }

  @Test
  void maintenanceFromManyInstancesAtOnceCreatesEachPartitionExactlyOnce() throws Exception {
    fresh("ledger", LedgerSchema.statements());
    LedgerDao ledger = new LedgerDao(pg.db());
    int threads = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Future<MaintenanceReport>> reports = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      reports.add(pool.submit(() -> {
        start.await();
        return ledger.partitions().maintain(NOW);
      }));
    }
    List<String> created = new ArrayList<>();
    for (Future<MaintenanceReport> r : reports) {
      created.addAll(r.get().created()); // any failure (42P07, 42P17, lock timeout) fails the test
    }
    pool.shutdown();
    Collections.sort(created);
    assertEquals(List.of("ledger_p0", "ledger_p1000000", "ledger_p2000000"), created, "each created exactly once");
    assertEquals(List.of("ledger_p0", "ledger_p1000000", "ledger_p2000000"), names(ledger.partitions().list()));
  }

  @Test
  void integerRangesFollowTheLargestKeyAndRetainOneBehind() {
    fresh("ledger", LedgerSchema.statements());
    LedgerDao ledger = new LedgerDao(pg.db());
    ledger.partitions().maintain(NOW);
    ledger.insert(new Ledger(5, "first"));
    ledger.insert(new Ledger(2_500_000, "later"));
    MaintenanceReport report = ledger.partitions().maintain(NOW);
    assertEquals(List.of("ledger_p3000000", "ledger_p4000000"), report.created());
    assertEquals(List.of("ledger_p0"), report.dropped(), "the slot ending at 1,000,000 is more than one behind 2,000,000");
    assertFalse(ledger.existsById(5L));
  }

  @Test
  void retentionDetachesConcurrentlyAndDropsPartitionsPastRetain() {
    fresh("events", EventSchema.statements());
    EventDao events = new EventDao(pg.db());
    events.partitions().maintain(NOW);
    events.insert(new Event(1, Instant.parse("2026-11-05T00:00:00Z"), 1, null));
    Instant later = ZonedDateTime.ofInstant(NOW, ZoneOffset.UTC).plusMonths(5).toInstant(); // April 2027
    MaintenanceReport report = events.partitions().maintain(later);
    assertEquals(List.of("events_p20270401", "events_p20270501", "events_p20270601", "events_p20270701",
        "events_p20270801"), report.created());
    assertEquals(List.of("events_p20260801", "events_p20260901", "events_p20261001", "events_p20261101",
        "events_p20261201"), report.dropped(), "three kept behind April");
    assertEquals(0L, pg.value("SELECT count(*) FROM events WHERE id = 1"));
    assertFalse((Boolean) pg.value("SELECT to_regclass('events_p20261101') IS NOT NULL"), "dropped, not only detached");
    assertEquals(List.of("events_p20270101"), events.partitions().dropBefore(Instant.parse("2027-02-01T00:00:00Z")));
  }

  @Test
  void aDefaultPartitionNeverBlocksMaintenanceItsRowsAreMoved() {
    fresh("readings", ReadingSchema.statements());
    ReadingDao readings = new ReadingDao(pg.db());
    readings.partitions().maintain(NOW);
    Instant inFiveDays = NOW.plusSeconds(5 * 86_400);
    readings.insertAll(List.of(new Reading(1, inFiveDays, 1.5), new Reading(2, inFiveDays.plusSeconds(60), 2.5),
        new Reading(3, Instant.parse("2020-01-01T00:00:00Z"), 0)));
    assertEquals(3L, pg.value("SELECT count(*) FROM readings_default"));
    MaintenanceReport report = readings.partitions().maintain(NOW.plusSeconds(4 * 86_400));
    assertTrue(report.created().contains("readings_p20261127"), report.created().toString());
    assertEquals(1L, pg.value("SELECT count(*) FROM readings_default"), "only the 2020 row stays in the DEFAULT");
    assertEquals(2L, pg.value("SELECT count(*) FROM readings_p20261127"));
    assertEquals(3L, readings.count(), "no row lost");
    // Europe/Berlin days: the bound carries the offset, printed in UTC by the catalog.
    String bound = readings.partitions().list().stream().filter(p -> p.name().equals("readings_p20261127"))
        .findFirst().orElseThrow().bound();
    assertEquals("FOR VALUES FROM ('2026-11-26 23:00:00+00') TO ('2026-11-27 23:00:00+00')", bound);
  }

  @Test
  void aRowNoPartitionCoversIsTypedAndWritesNothing() {
    fresh("events", EventSchema.statements());
    EventDao events = new EventDao(pg.db());
    events.partitions().maintain(NOW);
    NoPartitionException e = assertThrows(NoPartitionException.class,
        () -> events.insert(new Event(7, Instant.parse("2001-01-01T00:00:00Z"), 1, null)));
    assertEquals("events", e.table());
    assertEquals("23514", e.sqlState());
    assertTrue(e.getMessage().contains("EventDao.insert"), e.getMessage());
    List<Event> batch = List.of(new Event(8, NOW, 1, null), new Event(9, Instant.parse("2031-01-01T00:00:00Z"), 1, null));
    assertThrows(NoPartitionException.class, () -> events.insertAll(batch));
    assertEquals(0L, pg.value("SELECT count(*) FROM events WHERE id IN (7, 8, 9)"));
  }

  @Test
  void aOneMonthRangeScansOnePartitionAndAQueryWithoutTheKeyScansAll() throws Exception {
    fresh("events", EventSchema.statements());
    EventDao events = new EventDao(pg.db());
    events.partitions().maintain(NOW);
    for (int i = 0; i < 100; i++) {
      events.insert(new Event(1000 + i, NOW.plusSeconds(i * 86_400L), i % 10, "{\"i\": " + i + "}"));
    }
    Instant from = Instant.parse("2026-12-01T00:00:00Z");
    Instant to = Instant.parse("2027-01-01T00:00:00Z");
    assertEquals(31, events.findByOccurredAtBetween(from, to).size());
    assertEquals(31, events.countByOccurredAtBetween(from, to));
    assertEquals(List.of("events_p20261201"), Explain.scannedPartitions(pg.db(), EventDao.FIND_BY_OCCURRED_AT_BETWEEN, from, to));
    assertEquals(8, Explain.scannedPartitions(pg.db(), EventDao.COUNT).size(), "no key, no pruning");

    // pgjdbc switches to a named server statement at the 5th execution, and the server may then
    // use a generic plan: pruning must survive both (at executor startup for a generic plan).
    try (Connection c = DriverManager.getConnection(pg.url());
        PreparedStatement ps = c.prepareStatement("EXPLAIN " + EventDao.FIND_BY_OCCURRED_AT_BETWEEN)) {
      for (String mode : List.of("auto", "force_generic_plan")) {
        try (Statement s = c.createStatement()) {
          s.execute("SET plan_cache_mode = " + mode);
        }
        for (int run = 1; run <= 10; run++) {
          ps.setObject(1, from.atOffset(ZoneOffset.UTC));
          ps.setObject(2, to.atOffset(ZoneOffset.UTC));
          List<String> plan = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              plan.add(rs.getString(1));
            }
          }
          assertEquals(List.of("events_p20261201"), Explain.scanned(plan), mode + ", execution " + run + ":\n" + plan);
        }
      }
    }
  }

  @Test
  void aDetachLeftPendingByATimeoutIsFinishedByTheNextMaintenance() throws Exception {
    fresh("events", EventSchema.statements());
    EventDao events = new EventDao(pg.db());
    events.partitions().maintain(NOW);
    // DETACH CONCURRENTLY waits for older snapshots in its second phase; a timeout there leaves
    // the partition "DETACH PENDING", and a plain retry fails (55000).
    try (Connection reader = DriverManager.getConnection(pg.url());
        Connection detacher = DriverManager.getConnection(pg.url())) {
      reader.setAutoCommit(false);
      try (Statement s = reader.createStatement()) {
        s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        s.execute("SELECT count(*) FROM events");
      }
      try (Statement s = detacher.createStatement()) {
        s.execute("SET statement_timeout = '300ms'");
        assertThrows(java.sql.SQLException.class,
            () -> s.execute("ALTER TABLE events DETACH PARTITION events_p20270301 CONCURRENTLY"));
      }
      reader.rollback();
    }
    assertEquals(true, pg.value("SELECT inhdetachpending FROM pg_inherits WHERE inhrelid = 'events_p20270301'::regclass"));
    MaintenanceReport report = events.partitions().maintain(NOW);
    assertTrue(report.dropped().contains("events_p20270301"), report.toString());
    assertEquals(List.of("events_p20270301"), report.created(), "the slot is still wanted, so it is made anew");
    assertEquals(false, pg.value("SELECT inhdetachpending FROM pg_inherits WHERE inhrelid = 'events_p20270301'::regclass"));
  }

  @Test
  void indexesDeclaredOnTheParentLandOnEveryPartition() {
    fresh("events", EventSchema.statements());
    new EventDao(pg.db()).partitions().maintain(NOW);
    Set<String> withIndex = new HashSet<>();
    pg.db().withConnection(c -> {
      try (var rs = c.createStatement().executeQuery("SELECT tablename FROM pg_indexes WHERE schemaname = current_schema()"
          + " AND tablename LIKE 'events_p%' AND indexdef LIKE '%(user_id, occurred_at)%'")) {
        while (rs.next()) {
          withIndex.add(rs.getString(1));
        }
      }
      return null;
    });
    assertEquals(Set.copyOf(names(new EventDao(pg.db()).partitions().list())), withIndex);
  }
}
