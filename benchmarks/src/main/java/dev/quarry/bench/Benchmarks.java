package dev.quarry.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.quarry.runtime.Database;
import dev.quarry.runtime.Schema;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs every benchmark side by side in one JVM against one database and prints medians and
 * ratios. Arguments (all optional):
 * {@code rows=1000000 upsertRows=200000 feedRows=1000000 monthRows=200000 reps=3}.
 * The database is {@code QUARRY_JDBC_URL}, else the local default; everything happens in the
 * schema {@code quarry_bench}, dropped at the end.
 */
public final class Benchmarks {
  static final String SCHEMA = "quarry_bench";

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    int rows = intArg(args, "rows", 1_000_000);
    int upsertRows = intArg(args, "upsertRows", 200_000);
    int reps = intArg(args, "reps", 3);
    int feedRows = intArg(args, "feedRows", 1_000_000);
    int monthRows = intArg(args, "monthRows", 200_000);
    String url = System.getenv().getOrDefault("QUARRY_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    try (Connection c = DriverManager.getConnection(url)) {
      Harness.sql(c, "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE", "CREATE SCHEMA " + SCHEMA);
    }
    String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
    try (HikariDataSource pool = pool(schemaUrl)) {
      Database db = Database.of(pool);
      Schema.apply(db, BenchEventSchema.statements());
      Schema.apply(db, BenchPostSchema.statements());
      Schema.apply(db, BenchReadingSchema.statements());
      if (Arrays.asList(args).contains("smoke")) {
        // At a few thousand rows every index fits in a page or two and fixed costs dominate, so
        // offset beats keyset and pruning gains nothing: figures that read as the opposite of
        // the measured ones in benchmarks/README.md unless they are labelled.
        System.out.println("SMOKE RUN at tiny sizes: checks that every benchmark works; its timings are not "
            + "comparable and do not show the gains measured at size (see benchmarks/README.md)");
      }
      System.out.printf("PostgreSQL bulk benchmarks: %,d rows insert, %,d rows upsert, median of %d%n", rows, upsertRows, reps);
      new BulkInsertBenchmark(db, schemaUrl, url, rows, reps).run();
      new BulkUpsertBenchmark(db, schemaUrl, upsertRows, reps).run();
      new KeysetBenchmark(db, feedRows, Math.max(5, reps * 10)).run();
      new PartitionBenchmark(db, monthRows, Math.max(5, reps * 10)).run();
    } finally {
      try (Connection c = DriverManager.getConnection(url)) {
        Harness.sql(c, "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      }
    }
  }

  static HikariDataSource pool(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(2);
    return new HikariDataSource(config);
  }

  /** The same deterministic rows for every contender. */
  static List<BenchEvent> events(long firstId, int count) {
    String[] kinds = {"deposit", "withdrawal", "transfer", "fee"};
    Instant base = Instant.parse("2026-01-01T00:00:00Z");
    List<BenchEvent> rows = new ArrayList<>(count);
    for (long i = firstId; i < firstId + count; i++) {
      rows.add(new BenchEvent(i, i % 5_000, kinds[(int) (i % 4)], BigDecimal.valueOf(i % 100_000, 2),
          base.plusMillis(i * 37), i % 3 == 0 ? null : "note for event " + i));
    }
    return rows;
  }

  static void truncate(Database db) {
    db.withConnection(c -> {
      Harness.sql(c, "TRUNCATE bench_events");
      try {
        Harness.sql(c, "CHECKPOINT");
      } catch (java.sql.SQLException notSuperuser) {
        // Fine: the checkpoint only evens out background writes between runs.
      }
      return null;
    });
  }

  static Path csv(List<BenchEvent> rows) throws Exception {
    Path file = Files.createTempFile("quarry-bench", ".csv");
    StringBuilder b = new StringBuilder(rows.size() * 80);
    for (BenchEvent e : rows) {
      b.append(e.id()).append(',').append(e.accountId()).append(',').append(e.kind()).append(',').append(e.amount())
          .append(',').append(e.createdAt()).append(',');
      if (e.note() != null) {
        b.append('"').append(e.note().replace("\"", "\"\"")).append('"');
      }
      b.append('\n');
    }
    Files.writeString(file, b);
    return file;
  }

  private static int intArg(String[] args, String name, int fallback) {
    for (String a : args) {
      if (a.startsWith(name + "=")) {
        return Integer.parseInt(a.substring(name.length() + 1).replace("_", ""));
      }
    }
    return fallback;
  }
}
