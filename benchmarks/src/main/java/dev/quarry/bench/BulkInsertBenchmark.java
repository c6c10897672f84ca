package dev.quarry.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bulk insert of the same rows, twice: into {@code bench_entries}, whose {@code @Identity} key is
 * left null for PostgreSQL to assign, and into {@code bench_events} with the caller's ids. Each
 * load is one transaction into a truncated table after a {@code CHECKPOINT} (both untimed). The
 * baseline is hand-written JDBC batches with {@code reWriteBatchedInserts=true}; {@code psql \copy}
 * of a CSV file of the same rows (process start included) is the floor a client tool reaches.
 */
final class BulkInsertBenchmark {
  static final String IDENTITY = "insert-identity";
  static final String IDS = "insert-ids";

  static final String REWRITE = "JDBC batch, reWriteBatchedInserts";
  static final String QUARRY = "Quarry insertAll";
  static final String PSQL = "psql \\copy (CSV)";
  static final String SPRING = "Spring batchUpdate";
  static final String JDBI = "Jdbi PreparedBatch";
  static final String JOOQ = "jOOQ batch";
  static final String HIBERNATE = "Hibernate insertMultiple";
  static final String HIBERNATE_IDENTITY = "Hibernate insertMultiple, IDENTITY";
  static final String HIBERNATE_ASSIGNED = "Hibernate insertMultiple, assigned ids";

  private final Peers p;
  private final String baseUrl;
  private final int rows;

  BulkInsertBenchmark(Peers p, String baseUrl, int rows) {
    this.p = p;
    this.baseUrl = baseUrl;
    this.rows = rows;
  }

  List<Measured> run(Harness.Settings settings) throws Exception {
    List<BenchEvent> events = Benchmarks.events(0, rows);
    List<BenchEntry> entries = new ArrayList<>(rows);
    for (BenchEvent e : events) {
      entries.add(new BenchEntry(null, e.accountId(), e.kind(), e.amount(), e.createdAt(), e.note()));
    }
    BenchEventDao eventDao = new BenchEventDao(p.quarry);
    BenchEntryDao entryDao = new BenchEntryDao(p.quarry);
    boolean psql = psqlAvailable();
    Path withIds = Benchmarks.csv(events, true);
    Path withoutIds = Benchmarks.csv(events, false);
    List<Measured> out = new ArrayList<>();
    try {
      Harness.Step entriesEmpty = () -> Benchmarks.truncate(p.quarry, "bench_entries");
      List<Harness.Contender> identity = new ArrayList<>(List.of(
          Harness.Contender.bulk(REWRITE, entriesEmpty, () -> p.hand.insertAllIdentity(events)),
          Harness.Contender.bulk(QUARRY, entriesEmpty, () -> entryDao.insertAll(entries)),
          Harness.Contender.bulk(SPRING, entriesEmpty, () -> p.spring.insertAllIdentity(events)),
          Harness.Contender.bulk(JDBI, entriesEmpty, () -> p.jdbi.insertAllIdentity(events)),
          Harness.Contender.bulk(JOOQ, entriesEmpty, () -> p.jooq.insertAllIdentity(events)),
          Harness.Contender.bulk(HIBERNATE_IDENTITY, entriesEmpty, () -> p.hibernate.insertAllIdentity(events)).limitedTo(2),
          Harness.Contender.bulk(HIBERNATE_ASSIGNED, entriesEmpty, () -> p.hibernate.insertAllAssigned(events))));
      if (psql) {
        identity.add(Harness.Contender.bulk(PSQL, entriesEmpty, () -> psqlCopy("bench_entries (account_id, kind, amount, created_at, note)", withoutIds)));
      }
      out.add(Harness.run(IDENTITY, String.format("bulk insert, %,d rows into an identity table, ids left null", rows), identity, settings));

      Harness.Step eventsEmpty = () -> Benchmarks.truncate(p.quarry, "bench_events");
      List<Harness.Contender> ids = new ArrayList<>(List.of(
          Harness.Contender.bulk(REWRITE, eventsEmpty, () -> p.hand.insertAll(events)),
          Harness.Contender.bulk(QUARRY, eventsEmpty, () -> eventDao.insertAll(events)),
          Harness.Contender.bulk(SPRING, eventsEmpty, () -> p.spring.insertAll(events)),
          Harness.Contender.bulk(JDBI, eventsEmpty, () -> p.jdbi.insertAll(events)),
          Harness.Contender.bulk(JOOQ, eventsEmpty, () -> p.jooq.insertAll(events)),
          Harness.Contender.bulk(HIBERNATE, eventsEmpty, () -> p.hibernate.insertAll(events))));
      if (psql) {
        ids.add(Harness.Contender.bulk(PSQL, eventsEmpty, () -> psqlCopy("bench_events (" + HandJdbc.COLUMNS + ")", withIds)));
      }
      out.add(Harness.run(IDS, String.format("bulk insert, %,d rows with caller-supplied ids", rows), ids, settings));
    } finally {
      Files.deleteIfExists(withIds);
      Files.deleteIfExists(withoutIds);
    }
    if (!psql) {
      System.out.println("  psql \\copy: skipped, no psql on PATH");
    }
    return out;
  }

  /** {@code psql \copy} into {@code target} ("table (columns)"), in the same session settings as the pools. */
  private void psqlCopy(String target, Path csv) throws Exception {
    Map<String, String> conn = libpq(baseUrl);
    ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", conn.get("dsn"), "-c",
        "\\copy " + Benchmarks.SCHEMA + "." + target + " FROM '" + csv + "' WITH (FORMAT csv)");
    if (conn.containsKey("password")) {
      pb.environment().put("PGPASSWORD", conn.get("password"));
    }
    pb.environment().put("PGOPTIONS", "-c synchronous_commit=off");
    Process process = pb.inheritIO().start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException("psql \\copy failed with exit code " + process.exitValue());
    }
  }

  private static boolean psqlAvailable() {
    try {
      return new ProcessBuilder("psql", "--version").start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  /** {@code jdbc:postgresql://host:port/db?user=u&password=p} as a libpq connection string. */
  static Map<String, String> libpq(String jdbcUrl) {
    URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    Map<String, String> params = new HashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          params.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
      }
    }
    StringBuilder dsn = new StringBuilder("host=").append(uri.getHost() == null ? "127.0.0.1" : uri.getHost())
        .append(" port=").append(uri.getPort() < 0 ? 5432 : uri.getPort())
        .append(" dbname=").append(uri.getPath().substring(1));
    if (params.containsKey("user")) {
      dsn.append(" user=").append(params.get("user"));
    }
    Map<String, String> out = new HashMap<>();
    out.put("dsn", dsn.toString());
    if (params.containsKey("password")) {
      out.put("password", params.get("password"));
    }
    return out;
  }
}
