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

  private final Database db;
  private final int rowsPerMonth;
  private final int iterations;

  PartitionBenchmark(Database db, int rowsPerMonth, int iterations) {
    this.db = db;
    this.rowsPerMonth = rowsPerMonth;
    this.iterations = iterations;
  }

  void run() throws Exception {
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
    System.out.printf("partitioning: %,d rows a month, 12 months%n", rowsPerMonth);

    Instant from = Instant.parse("2025-06-01T00:00:00Z");
    Instant to = Instant.parse("2025-07-01T00:00:00Z");
    double partitioned = Harness.median(iterations, () -> dao.countByTakenAtBetween(from, to));
    double plain = Harness.median(iterations, () -> count("SELECT count(*) FROM bench_readings_plain WHERE taken_at >= ? AND taken_at < ?", from, to));
    System.out.printf(Locale.ROOT, "  one-month count(*)   partitioned %8.2f ms   plain %8.2f ms   plain/partitioned %5.2fx%n",
        partitioned, plain, plain / partitioned);
    // A count can be answered from the plain table's index alone; a read of the rows cannot.
    double partitionedSum = Harness.median(iterations, () -> count("SELECT sum(value) FROM bench_readings WHERE taken_at >= ? AND taken_at < ?", from, to));
    double plainSum = Harness.median(iterations, () -> count("SELECT sum(value) FROM bench_readings_plain WHERE taken_at >= ? AND taken_at < ?", from, to));
    System.out.printf(Locale.ROOT, "  one-month sum(value) partitioned %8.2f ms   plain %8.2f ms   plain/partitioned %5.2fx%n",
        partitionedSum, plainSum, plainSum / partitionedSum);

    Instant cutoff = Instant.parse("2025-02-01T00:00:00Z");
    long[] drop = measure(() -> dao.partitions().dropBefore(cutoff));
    long[] delete = measure(() -> execute("DELETE FROM bench_readings_plain WHERE taken_at < '2025-02-01 00:00:00+00'"));
    long[] vacuum = measure(() -> execute("VACUUM bench_readings_plain"));
    System.out.printf(Locale.ROOT, "  retention of one month   DROP %6.1f ms %,12d WAL bytes%n", drop[0] / 1e6, drop[1]);
    System.out.printf(Locale.ROOT, "                           DELETE %6.1f ms %,12d WAL bytes, then VACUUM %6.1f ms %,12d WAL bytes%n",
        delete[0] / 1e6, delete[1], vacuum[0] / 1e6, vacuum[1]);
    System.out.printf(Locale.ROOT, "  ratio DELETE+VACUUM / DROP: time %6.1fx, WAL %8.1fx%n",
        (delete[0] + vacuum[0]) / (double) Math.max(1, drop[0]), (delete[1] + vacuum[1]) / (double) Math.max(1, drop[1]));
  }

  private void count(String sql, Instant from, Instant to) {
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
