package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.MaintenanceReport;
import dev.quarry.runtime.PartitionInfo;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Partition maintenance on the days real systems meet: clocks that skip midnight, runs that
 * were missed, a reader holding the oldest partition, one stray key.
 */
class PartitionBadDaysTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static final Pattern RANGE = Pattern.compile("FROM \\('([^']+)'\\) TO \\('([^']+)'\\)");

  @BeforeAll
  static void schema() {
    pg.apply(EventSchema.statements());
  }

  static void fresh(String table, List<String> statements) {
    pg.sql("DROP TABLE IF EXISTS " + table + " CASCADE");
    pg.apply(statements);
  }

  /** Each partition's [from, to) as instants, in name order (the catalog prints UTC). */
  static List<Instant[]> ranges(List<PartitionInfo> partitions) {
    List<Instant[]> out = new ArrayList<>();
    for (PartitionInfo p : partitions) {
      Matcher m = RANGE.matcher(p.bound());
      if (m.find()) {
        out.add(new Instant[] {parse(m.group(1)), parse(m.group(2))});
      }
    }
    return out;
  }

  static Instant parse(String catalog) {
    return ZonedDateTime.parse(catalog.replace(' ', 'T').replace("+00", "Z")).toInstant();
  }

  static List<String> names(List<PartitionInfo> partitions) {
    return partitions.stream().filter(p -> !p.isDefault()).map(PartitionInfo::name).toList();
  }

  // ---- 1. DST at midnight ----

  @Test
  void aDayWhoseMidnightIsSkippedStartsWhenTheClockResumesAndEndsAtTheNextMidnight() {
    fresh("santiago_days", SantiagoDaySchema.statements());
    SantiagoDayDao days = new SantiagoDayDao(pg.db());
    days.partitions().maintain(Instant.parse("2026-09-04T15:00:00Z"));
    PartitionInfo sept6 = days.partitions().list().stream().filter(p -> p.name().equals("santiago_days_p20260906"))
        .findFirst().orElseThrow();
    // 2026-09-06 00:00 does not exist in Santiago: the day starts at 01:00 -03 and ends at 00:00 -03 on the 7th.
    assertEquals("FOR VALUES FROM ('2026-09-06 04:00:00+00') TO ('2026-09-07 03:00:00+00')", sept6.bound());
    MaintenanceReport next = days.partitions().maintain(Instant.parse("2026-09-05T15:00:00Z"));
    assertEquals(List.of("santiago_days_p20260907"), next.created());
    assertEquals(List.of(), next.warnings());
    days.insert(new SantiagoDay(1, Instant.parse("2026-09-07T03:30:00Z"))); // 00:30 local on the 7th
    assertEquals("santiago_days_p20260907", pg.value("SELECT tableoid::regclass::text FROM santiago_days WHERE id = 1"));
  }

  @Test
  void everyDailyPartitionAcrossBothClockChangesIsExactlyItsLocalDay() {
    // Clocks go back at midnight on 2026-04-05 (00:00 -03 becomes 23:00 -04 on the 4th) and skip
    // midnight on 2026-09-06: run daily maintenance through both, at different hours.
    for (String[] days : List.of(new String[] {"2026-03-30T05:00:00Z", "2026-04-10T00:00:00Z"},
        new String[] {"2026-09-01T02:00:00Z", "2026-09-12T00:00:00Z"})) {
      fresh("santiago_days", SantiagoDaySchema.statements());
      SantiagoDayDao dao = new SantiagoDayDao(pg.db());
      for (Instant t = Instant.parse(days[0]); t.isBefore(Instant.parse(days[1])); t = t.plus(Duration.ofHours(17))) {
        assertEquals(List.of(), dao.partitions().maintain(t).warnings(), "at " + t);
      }
      assertExactLocalDays(dao.partitions().list(), ZoneId.of("America/Santiago"), "santiago_days_p");
    }
  }

  /** Each partition runs from the start of the local day its name gives to the start of the next. */
  static void assertExactLocalDays(List<PartitionInfo> partitions, ZoneId zone, String prefix) {
    List<Instant[]> ranges = ranges(partitions);
    assertTrue(partitions.size() > 10, partitions.toString());
    for (int i = 0; i < partitions.size(); i++) {
      LocalDate day = LocalDate.parse(partitions.get(i).name().substring(prefix.length()),
          java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
      assertEquals(day.atStartOfDay(zone).toInstant(), ranges.get(i)[0], partitions.get(i).name() + " starts");
      assertEquals(day.plusDays(1).atStartOfDay(zone).toInstant(), ranges.get(i)[1], partitions.get(i).name() + " ends");
      if (i > 0) {
        assertEquals(ranges.get(i - 1)[1], ranges.get(i)[0], "no gap, no overlap before " + partitions.get(i).name());
      }
    }
  }

  // ---- 2. holes after a missed run, and backfill ----

  @Test
  void aMissedRunLeavesNoHoleInTheRetainedWindow() {
    fresh("visits", VisitSchema.statements());
    VisitDao visits = new VisitDao(pg.db());
    MaintenanceReport first = visits.partitions().maintain(Instant.parse("2026-01-06T12:00:00Z"));
    assertEquals(List.of("visits_p20260104", "visits_p20260105", "visits_p20260106", "visits_p20260107",
        "visits_p20260108"), first.created());
    MaintenanceReport late = visits.partitions().maintain(Instant.parse("2026-01-10T12:00:00Z"));
    assertEquals(List.of("visits_p20260109", "visits_p20260110", "visits_p20260111", "visits_p20260112"), late.created());
    assertEquals(List.of("visits_p20260104", "visits_p20260105", "visits_p20260106", "visits_p20260107"), late.dropped());
    assertEquals(List.of("visits_p20260108", "visits_p20260109", "visits_p20260110", "visits_p20260111",
        "visits_p20260112"), names(visits.partitions().list()));
    visits.insert(new Visit(1, Instant.parse("2026-01-09T08:00:00Z")));
    assertEquals("visits_p20260109", pg.value("SELECT tableoid::regclass::text FROM visits WHERE id = 1"));
  }

  @Test
  void ensureBackfillsHistoryAndSaysWhatRetentionWillDrop() {
    fresh("visits", VisitSchema.statements());
    VisitDao visits = new VisitDao(pg.db());
    MaintenanceReport report = visits.partitions().ensure(Instant.parse("2025-12-01T00:00:00Z"),
        Instant.parse("2025-12-03T12:00:00Z"));
    assertEquals(List.of("visits_p20251201", "visits_p20251202", "visits_p20251203"), report.created());
    assertEquals(3, report.warnings().size(), "each lies before what retain keeps: " + report.warnings());
    assertEquals(List.of(), visits.partitions().ensure(Instant.parse("2025-12-02T00:00:00Z"),
        Instant.parse("2025-12-04T00:00:00Z")).created(), "idempotent");
    visits.insert(new Visit(2, Instant.parse("2025-12-02T23:59:59Z")));
    assertEquals(List.of(), visits.partitions().ensure(Instant.parse("2025-12-05T00:00:00Z"),
        Instant.parse("2025-12-05T00:00:00Z")).created(), "an empty range covers nothing");
  }

  /**
   * Runs maintenance on some hours and skips it on others, at random (seeded), and checks after
   * each run that every slot of [now - retain, now + premake] is a partition and nothing older is.
   */
  @Test
  void skippedRunsAtRandomNeverBreakTheWindow() {
    fresh("visits", VisitSchema.statements());
    VisitDao visits = new VisitDao(pg.db());
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Instant now = Instant.parse("2026-03-01T00:00:00Z");
    int runs = 0;
    for (int step = 0; step < 60; step++) {
      now = now.plus(Duration.ofMinutes(60 + random.nextInt(36 * 60)));
      if (random.nextInt(3) == 0) {
        continue; // this run was missed
      }
      runs++;
      MaintenanceReport report = visits.partitions().maintain(now);
      assertEquals(List.of(), report.warnings(), "seed " + seed);
      LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
      List<String> window = new ArrayList<>();
      for (LocalDate d = today.minusDays(2); !d.isAfter(today.plusDays(2)); d = d.plusDays(1)) {
        window.add("visits_p" + d.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
      }
      assertEquals(window, names(visits.partitions().list()), "seed " + seed + ", run at " + now);
    }
    assertTrue(runs > 20, "seed " + seed);
  }

  // ---- 3. retention while a reader holds the partition ----

  @Test
  void aReaderHoldingTheOldestPartitionDelaysItsDropButNotTheRestOfTheRun() throws Exception {
    fresh("events", EventSchema.statements());
    EventDao events = new EventDao(pg.db());
    Instant november = Instant.parse("2026-11-22T10:00:00Z");
    events.partitions().maintain(november);
    events.insert(new Event(1, Instant.parse("2026-11-05T00:00:00Z"), 1, null));
    Instant april = Instant.parse("2027-04-22T10:00:00Z");
    MaintenanceReport report;
    try (Connection reader = DriverManager.getConnection(pg.url())) {
      reader.setAutoCommit(false);
      try (Statement s = reader.createStatement()) {
        s.execute("SELECT count(*) FROM events WHERE occurred_at < '2026-12-01'"); // parent and November
      }
      report = events.partitions().maintain(april);
      reader.commit();
    }
    assertEquals(List.of("events_p20270401", "events_p20270501", "events_p20270601", "events_p20270701",
        "events_p20270801"), report.created(), "what was done is reported: " + report);
    assertTrue(report.warnings().stream().anyMatch(w -> w.contains("events_p20261101")), report.warnings().toString());
    assertFalse(report.dropped().contains("events_p20261101"), report.toString());

    MaintenanceReport after = events.partitions().maintain(april);
    assertEquals(List.of(), after.warnings());
    assertTrue(after.dropped().contains("events_p20261101"), after.toString());
    assertEquals(List.of(), after.created());
    assertEquals(0L, pg.value("SELECT count(*) FROM pg_class WHERE relname LIKE 'events_p2026%' AND relnamespace = current_schema()::regnamespace"), "nothing left behind");
    assertEquals(0L, pg.value("SELECT count(*) FROM pg_inherits WHERE inhdetachpending AND inhparent = 'events'::regclass"));
    assertEquals(List.of("events_p20270101", "events_p20270201", "events_p20270301", "events_p20270401",
        "events_p20270501", "events_p20270601", "events_p20270701", "events_p20270801"),
        names(events.partitions().list()));
  }

  // ---- 4. one stray key ----

  @Test
  void aStrayIntegerKeyInTheDefaultNeverMovesTheWindow() {
    fresh("tallies", TallySchema.statements());
    TallyDao tallies = new TallyDao(pg.db());
    tallies.partitions().maintain();
    tallies.partitions().maintain(); // the first run made p0 and p100, which now hold 0..199
    List<Tally> rows = new ArrayList<>();
    for (long id = 0; id <= 150; id++) {
      rows.add(new Tally(id, "row " + id));
    }
    tallies.insertAll(rows);
    tallies.insert(new Tally(1_000_000, "stray"));
    assertEquals("tallies_default", pg.value("SELECT tableoid::regclass::text FROM tallies WHERE id = 1000000"));
    for (int run = 0; run < 3; run++) {
      MaintenanceReport report = tallies.partitions().maintain();
      assertEquals(List.of(), report.dropped(), report.toString());
      assertEquals(1, report.warnings().size(), report.toString());
      assertTrue(report.warnings().get(0).contains("1000000"), report.warnings().toString());
    }
    assertEquals(152L, tallies.count(), "no live row dropped");
    assertEquals(List.of("tallies_p0", "tallies_p100", "tallies_p200"), names(tallies.partitions().list()));
  }

  @Test
  void aStrayIntegerKeyInAPremadePartitionIsPassedOver() {
    fresh("tallies", TallySchema.statements());
    TallyDao tallies = new TallyDao(pg.db());
    List<Tally> rows = new ArrayList<>();
    for (long id = 0; id <= 150; id++) {
      rows.add(new Tally(id, "row " + id));
    }
    tallies.partitions().maintain();
    tallies.insertAll(rows);
    tallies.partitions().maintain(); // now 150: p0, p100, p200
    tallies.insert(new Tally(299, "stray"));
    MaintenanceReport report = tallies.partitions().maintain();
    assertEquals(List.of(), report.dropped());
    assertEquals(List.of(), report.created());
    assertEquals(1, report.warnings().size(), report.toString());
    assertTrue(report.warnings().get(0).contains("[299]"), report.warnings().toString());
    assertEquals(152L, tallies.count());
    // Real growth still moves the window: keys that follow each other closely.
    List<Tally> more = new ArrayList<>();
    for (long id = 151; id <= 260; id++) {
      more.add(new Tally(id, "row " + id));
    }
    tallies.insertAll(more);
    MaintenanceReport grown = tallies.partitions().maintain();
    assertEquals(List.of("tallies_p300"), grown.created(), grown.toString());
    assertEquals(List.of("tallies_p0"), grown.dropped(), grown.toString());
    assertEquals(List.of(), grown.warnings());
  }

  // ---- 5. Explain.scannedPartitions names partitions only ----

  @Test
  void scannedPartitionsNamesPartitionsOnlyWhateverThePlanShape() {
    fresh("events", EventSchema.statements());
    EventDao events = new EventDao(pg.db());
    events.partitions().maintain(Instant.parse("2026-11-22T10:00:00Z"));
    pg.sql("DROP TABLE IF EXISTS people");
    pg.sql("CREATE TABLE people (id bigint PRIMARY KEY, name text)");
    pg.sql("INSERT INTO people SELECT g, 'p' || g FROM generate_series(1, 50) g");
    for (int i = 0; i < 300; i++) {
      events.insert(new Event(i, Instant.parse("2026-11-01T00:00:00Z").plusSeconds(i * 17_000L), i % 50, null));
    }
    pg.sql("VACUUM (ANALYZE) events"); // visibility map set: index-only scans become possible
    Instant from = Instant.parse("2026-12-01T00:00:00Z");
    Instant to = Instant.parse("2027-01-01T00:00:00Z");
    String range = "FROM events e WHERE e.occurred_at >= ? AND e.occurred_at < ?";
    String keysOnly = "SELECT e.user_id, e.occurred_at " + range; // covered by the (user_id, occurred_at) index
    String joined = "SELECT p.name, e.id FROM people p JOIN events e ON e.user_id = p.id WHERE e.occurred_at >= ? AND e.occurred_at < ?";
    List<String[]> shapes = List.of(
        new String[] {"SET LOCAL enable_indexscan = off; SET LOCAL enable_seqscan = off", "SELECT * " + range, "Bitmap Index Scan"},
        new String[] {"SET LOCAL enable_bitmapscan = off; SET LOCAL enable_seqscan = off", keysOnly, "Index Only Scan"},
        new String[] {"SET LOCAL parallel_setup_cost = 0; SET LOCAL parallel_tuple_cost = 0; "
            + "SET LOCAL min_parallel_table_scan_size = 0; SET LOCAL max_parallel_workers_per_gather = 2; "
            + "SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off", "SELECT * " + range, "Parallel Seq Scan"},
        new String[] {"SET LOCAL enable_hashjoin = on", joined, " on people p"});
    for (String[] shape : shapes) {
      pg.db().transaction(() -> {
        for (String set : shape[0].split("; ")) {
          pg.sql(set);
        }
        List<String> plan = dev.quarry.runtime.Explain.plan(pg.db(), shape[1], from, to);
        assertTrue(String.join("\n", plan).contains(shape[2]), "the plan has the shape under test:\n" + plan);
        assertEquals(List.of("events_p20261201"), dev.quarry.runtime.Explain.scannedPartitions(pg.db(), shape[1], from, to),
            String.join("\n", plan));
      });
    }
  }
}
