package dev.quarry.bench;

import dev.quarry.runtime.Database;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bulk insert of the same rows four ways: Quarry's {@code insertAll} (binary COPY),
 * hand-written JDBC {@code executeBatch}, the same with {@code reWriteBatchedInserts=true},
 * and {@code psql \copy} of a CSV file (the floor a client tool reaches).
 */
final class BulkInsertBenchmark {
  private final Database db;
  private final String schemaUrl;
  private final String baseUrl;
  private final int rows;
  private final Harness harness;

  BulkInsertBenchmark(Database db, String schemaUrl, String baseUrl, int rows, int reps) {
    this.db = db;
    this.schemaUrl = schemaUrl;
    this.baseUrl = baseUrl;
    this.rows = rows;
    this.harness = new Harness(reps);
  }

  void run() throws Exception {
    List<BenchEvent> events = Benchmarks.events(0, rows);
    BenchEventDao dao = new BenchEventDao(db);
    Harness.Step truncate = () -> Benchmarks.truncate(db);
    // Warm the JIT and the server once, untimed.
    Benchmarks.truncate(db);
    dao.insertAll(events.subList(0, Math.min(rows, 20_000)));
    Benchmarks.truncate(db);
    JdbcBatch.run(events.subList(0, Math.min(rows, 20_000)), schemaUrl, JdbcBatch.INSERT);

    System.out.println("bulk insert");
    Harness.Result quarry = harness.time("Quarry insertAll (binary COPY)", rows, truncate, () -> dao.insertAll(events));
    Harness.Result plain = harness.time("JDBC executeBatch", rows, truncate, () -> JdbcBatch.run(events, schemaUrl, JdbcBatch.INSERT));
    Harness.Result rewrite = harness.time("JDBC executeBatch, reWriteBatchedInserts", rows,
        truncate, () -> JdbcBatch.run(events, schemaUrl + "&reWriteBatchedInserts=true", JdbcBatch.INSERT));
    Path csv = Benchmarks.csv(events);
    Harness.Result psql = null;
    if (psqlAvailable()) {
      psql = harness.time("psql \\copy (CSV)", rows, truncate, () -> psqlCopy(csv));
    } else {
      System.out.println("  psql \\copy: skipped, no psql on PATH");
    }
    Files.deleteIfExists(csv);
    Harness.ratio("insertAll vs executeBatch", quarry, plain);
    Harness.ratio("insertAll vs reWriteBatchedInserts", quarry, rewrite);
    if (psql != null) {
      Harness.ratio("insertAll vs psql \\copy", quarry, psql);
    }
  }

  private void psqlCopy(Path csv) throws Exception {
    Map<String, String> conn = libpq(baseUrl);
    ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", conn.get("dsn"), "-c",
        "\\copy " + Benchmarks.SCHEMA + ".bench_events (id, account_id, kind, amount, created_at, note) FROM '" + csv
            + "' WITH (FORMAT csv)");
    if (conn.containsKey("password")) {
      pb.environment().put("PGPASSWORD", conn.get("password"));
    }
    Process p = pb.inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("psql \\copy failed with exit code " + p.exitValue());
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
