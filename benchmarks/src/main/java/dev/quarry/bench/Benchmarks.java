package dev.quarry.bench;

import dev.quarry.runtime.Database;
import dev.quarry.runtime.Schema;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the benchmarks side by side in one JVM against one database, prints each section's
 * figures and the targets, and with {@code out=DIR} saves the run's raw times as
 * {@code DIR/run-NAME.tsv}. {@code report DIR [README]} then writes results.md and the chart
 * from every run in DIR, and the results block of README.
 *
 * <p>Arguments (all optional): {@code rows=200000 upsertRows=200000 crudRows=100000
 * feedRows=1000000 monthRows=100000} (sizes), {@code rounds=51 bulkRounds=5} (timed rounds of
 * single-row and bulk sections), {@code warmupCalls=20 warmupMillis=400 roundMillis=50
 * warmupRuns=1} (see {@link Harness.Settings}), {@code only=crud,insert,upsert,keyset,partition},
 * {@code out=DIR run=NAME}, {@code smoke}. The database is {@code QUARRY_JDBC_URL}, else the local
 * default; everything happens in the schema {@code quarry_bench}, dropped at the end.
 */
public final class Benchmarks {
  static final String SCHEMA = "quarry_bench";

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("report")) {
      Report.write(Path.of(args[1]), args.length > 2 ? Path.of(args[2]) : null);
      return;
    }
    int rows = intArg(args, "rows", 200_000);
    int upsertRows = intArg(args, "upsertRows", 200_000);
    int crudRows = intArg(args, "crudRows", 100_000);
    int feedRows = intArg(args, "feedRows", 1_000_000);
    int monthRows = intArg(args, "monthRows", 100_000);
    Harness.Settings micro = new Harness.Settings(intArg(args, "rounds", 51), 0, intArg(args, "warmupCalls", 20),
        intArg(args, "warmupMillis", 400), intArg(args, "roundMillis", 50));
    Harness.Settings bulk = new Harness.Settings(intArg(args, "bulkRounds", 5), intArg(args, "warmupRuns", 1), 0, 0, 0);
    List<String> only = Arrays.asList(stringArg(args, "only", "crud,insert,upsert,keyset,partition").split(","));
    String url = System.getenv().getOrDefault("QUARRY_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("started", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
    try (Connection c = DriverManager.getConnection(url)) {
      Harness.sql(c, "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE", "CREATE SCHEMA " + SCHEMA);
      meta.put("machine", Machine.describe(c));
    }
    meta.put("sizes", String.format("Rounds: %d single-row, %d bulk. Sizes: %,d rows seeded for single-row work, "
        + "%,d rows bulk-inserted, %,d upserted, %,d posts paged, 12 x %,d readings.", micro.rounds(), bulk.rounds(),
        crudRows, rows, upsertRows, feedRows, monthRows));
    if (Arrays.asList(args).contains("smoke")) {
      // At a few thousand rows every index fits in a page or two and fixed costs dominate, so
      // offset beats keyset and pruning gains nothing: figures that read as the opposite of
      // the measured ones in benchmarks/README.md unless they are labelled.
      System.out.println("SMOKE RUN at tiny sizes: checks that every benchmark works; its timings are not "
          + "comparable and do not show the gains measured at size (see benchmarks/README.md)");
      meta.put("sizes", "SMOKE RUN at tiny sizes, not comparable. " + meta.get("sizes"));
      Harness.settle = false;
    }
    System.out.println(meta.get("machine"));
    System.out.println(meta.get("sizes"));
    String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
    List<Measured> run = new ArrayList<>();
    long start = System.nanoTime();
    try (Peers peers = new Peers(schemaUrl)) {
      System.out.printf(Locale.ROOT, "(pools and peers ready in %.1f s)%n", (System.nanoTime() - start) / 1e9);
      Schema.apply(peers.quarry, BenchEventSchema.statements());
      Schema.apply(peers.quarry, BenchEntrySchema.statements());
      Schema.apply(peers.quarry, BenchPostSchema.statements());
      Schema.apply(peers.quarry, BenchReadingSchema.statements());
      if (only.contains("crud")) {
        run.addAll(new CrudBenchmark(peers, crudRows).run(micro));
      }
      if (only.contains("insert")) {
        run.addAll(new BulkInsertBenchmark(peers, url, rows).run(bulk));
      }
      if (only.contains("upsert")) {
        run.add(new BulkUpsertBenchmark(peers, upsertRows).run(bulk));
      }
      if (only.contains("keyset")) {
        run.addAll(new KeysetBenchmark(peers, feedRows).run(micro));
      }
      if (only.contains("partition")) {
        PartitionBenchmark partitions = new PartitionBenchmark(peers.quarry, monthRows);
        run.addAll(partitions.run(micro));
        meta.put("retention", partitions.retention());
      }
    } finally {
      try (Connection c = DriverManager.getConnection(url)) {
        Harness.sql(c, "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      }
    }
    System.out.printf(Locale.ROOT, "(run took %.0f s)%n", (System.nanoTime() - start) / 1e9);
    Report.printTargets(run, System.out);
    String out = stringArg(args, "out", null);
    if (out != null) {
      Path file = Path.of(out).resolve("run-" + stringArg(args, "run", "1") + ".tsv");
      Report.save(file, meta, run);
      System.out.println("saved " + file);
    }
  }

  /** The same deterministic rows for every contender. */
  static List<BenchEvent> events(long firstId, int count) {
    List<BenchEvent> rows = new ArrayList<>(count);
    for (long i = firstId; i < firstId + count; i++) {
      rows.add(event(i, 0));
    }
    return rows;
  }

  private static final String[] KINDS = {"deposit", "withdrawal", "transfer", "fee"};
  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

  /** Row {@code id}; a {@code version} above 0 changes every column but the key. */
  static BenchEvent event(long id, long version) {
    long v = id + version;
    return new BenchEvent(id, v % 5_000, KINDS[(int) (v % 4)], BigDecimal.valueOf(v % 100_000, 2),
        BASE.plusMillis(v * 37), v % 3 == 0 ? null : "note for event " + v);
  }

  static void sql(Database db, String... statements) {
    db.withConnection(c -> {
      Harness.sql(c, statements);
      return null;
    });
  }

  /** Empties {@code table} and checkpoints, so that no run pays for the previous one's dirty pages. */
  static void truncate(Database db, String table) {
    sql(db, "TRUNCATE " + table);
    checkpoint(db);
  }

  static void checkpoint(Database db) {
    if (!Harness.settle) {
      return;
    }
    db.withConnection(c -> {
      try {
        Harness.sql(c, "CHECKPOINT");
      } catch (SQLException notAllowed) {
        // Fine: the checkpoint only evens out background writes between runs.
      }
      return null;
    });
  }

  /** The rows as a CSV file for {@code psql \copy}, with or without the id column. */
  static Path csv(List<BenchEvent> rows, boolean withIds) throws Exception {
    Path file = Files.createTempFile("quarry-bench", ".csv");
    StringBuilder b = new StringBuilder(rows.size() * 80);
    for (BenchEvent e : rows) {
      if (withIds) {
        b.append(e.id()).append(',');
      }
      b.append(e.accountId()).append(',').append(e.kind()).append(',').append(e.amount())
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
    String v = stringArg(args, name, null);
    return v == null ? fallback : Integer.parseInt(v.replace("_", ""));
  }

  private static String stringArg(String[] args, String name, String fallback) {
    for (String a : args) {
      if (a.startsWith(name + "=")) {
        return a.substring(name.length() + 1);
      }
    }
    return fallback;
  }
}
