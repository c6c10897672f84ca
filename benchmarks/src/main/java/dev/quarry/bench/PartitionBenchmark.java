package dev.quarry.bench;

import dev.quarry.runtime.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The chapter's two claims, measured: retention by dropping a partition against deleting the
 * same month from a plain table (time and WAL written), and a one-month range read on a
 * partitioned table against a plain table with an index on the timestamp.
 */
final class PartitionBenchmark {
  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  static final String SUM = "partition-sum";
  static final String COUNT = "partition-count";
  static final String PLAIN = "plain table, index on taken_at";
  static final String PARTITIONED = "monthly partitions";

  private final Database db;
  private final int rowsPerMonth;
  private String retention = "";

  PartitionBenchmark(Database db, int rowsPerMonth) {
    this.db = db;
    this.rowsPerMonth = rowsPerMonth;
  }

  List<Measured> run(Harness.Settings settings) throws Exception {
    BenchReadingDao dao = new BenchReadingDao(db);
    int months = 12;
    for (int m = 0; m < months; m++) {
      dao.partitions().maintain(OffsetDateTime.ofInstant(START, ZoneOffset.UTC).plusMonths(m).toInstant());
    }
    List<BenchReading> rows = new ArrayList<>();
    long seconds = 365L * 86_400 / (rowsPerMonth * 12L);
    for (long i = 0; i < rowsPerMonth * 12L; i++) {
      rows.add(new BenchReading(i, START.plusSeconds(i * Math.max(1, seconds)), i % 500, i * 0.5));
    }
    dao.insertAll(rows);
    db.withConnection(c -> {
      Harness.sql(c, "CREATE TABLE bench_readings_plain (LIKE bench_readings INCLUDING DEFAULTS)",
          "INSERT INTO bench_readings_plain SELECT * FROM bench_readings",
          "ALTER TABLE bench_readings_plain ADD PRIMARY KEY (id, taken_at)",
          "CREATE INDEX ON bench_readings_plain (taken_at)",
          "VACUUM ANALYZE bench_readings", "VACUUM ANALYZE bench_readings_plain");
      return null;
    });
    Instant from = Instant.parse("2025-06-01T00:00:00Z");
    Instant to = Instant.parse("2025-07-01T00:00:00Z");
    String range = " WHERE taken_at >= ? AND taken_at < ?";
    List<Measured> out = new ArrayList<>();
    // A count can be answered from the plain table's index alone; a read of the rows cannot.
    out.add(Harness.run(SUM, String.format(Locale.ROOT, "one month's sum(value) of 12 x %,d readings", rowsPerMonth), List.of(
        Harness.Contender.micro(PLAIN, i -> scalar("SELECT sum(value) FROM bench_readings_plain" + range, from, to)),
        Harness.Contender.micro(PARTITIONED, i -> scalar("SELECT sum(value) FROM bench_readings" + range, from, to))),
        settings));
    out.add(Harness.run(COUNT, String.format(Locale.ROOT, "one month's count(*) of 12 x %,d readings", rowsPerMonth), List.of(
        Harness.Contender.micro(PLAIN, i -> scalar("SELECT count(*) FROM bench_readings_plain" + range, from, to)),
        Harness.Contender.micro(PARTITIONED, i -> dao.countByTakenAtBetween(from, to))),
        settings));

    Instant cutoff = Instant.parse("2025-02-01T00:00:00Z");
    long[] drop = measure(() -> dao.partitions().dropBefore(cutoff));
    long[] delete = measure(() -> execute("DELETE FROM bench_readings_plain WHERE taken_at < '2025-02-01 00:00:00+00'"));
    long[] vacuum = measure(() -> execute("VACUUM bench_readings_plain"));
    retention = String.format(Locale.ROOT, "dropping one month's partition (`dropBefore`: DETACH CONCURRENTLY + DROP) took "
        + "%.1f ms and wrote %,d bytes of WAL; deleting the same month from the plain table took %.1f ms and %,d bytes, "
        + "then VACUUM %.1f ms and %,d bytes: %.1fx the time, %.0fx the WAL", drop[0] / 1e6, drop[1], delete[0] / 1e6,
        delete[1], vacuum[0] / 1e6, vacuum[1], (delete[0] + vacuum[0]) / (double) Math.max(1, drop[0]),
        (delete[1] + vacuum[1]) / (double) Math.max(1, drop[1]));
    System.out.println("retention, measured once: " + retention);
    return out;
  }

  /** What retention cost, measured once (it cannot be repeated on the same rows), for the run's record. */
  String retention() {
    return retention;
  }

  private void scalar(String sql, Instant from, Instant to) {
    db.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setObject(1, from.atOffset(ZoneOffset.UTC));
        ps.setObject(2, to.atOffset(ZoneOffset.UTC));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getObject(1);
        }
      }
    });
  }

  private void execute(String sql) {
    db.withConnection(c -> {
      Harness.sql(c, sql);
      return null;
    });
  }

  /** Elapsed nanoseconds and WAL bytes written by {@code step}. */
  private long[] measure(Harness.Step step) throws Exception {
    long lsn = walPosition();
    long start = System.nanoTime();
    step.run();
    long elapsed = System.nanoTime() - start;
    return new long[] {elapsed, walPosition() - lsn};
  }

  private long walPosition() {
    return db.withConnection(c -> {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::bigint")) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

}
