package dev.quarry.bench;

import dev.quarry.runtime.Database;
import java.util.List;

/**
 * Bulk upsert, half updates and half inserts: Quarry's {@code upsertAll} (COPY into a staging
 * table, one sorted {@code INSERT ... SELECT ... ON CONFLICT}) against hand-written batched
 * {@code ON CONFLICT}, with and without {@code reWriteBatchedInserts}.
 */
final class BulkUpsertBenchmark {
  private final Database db;
  private final String schemaUrl;
  private final int rows;
  private final Harness harness;

  BulkUpsertBenchmark(Database db, String schemaUrl, int rows, int reps) {
    this.db = db;
    this.schemaUrl = schemaUrl;
    this.rows = rows;
    this.harness = new Harness(reps);
  }

  void run() throws Exception {
    BenchEventDao dao = new BenchEventDao(db);
    List<BenchEvent> seed = Benchmarks.events(0, rows);
    // Ids rows/2 .. 3*rows/2: the first half exists (update), the second half does not (insert).
    List<BenchEvent> changes = Benchmarks.events(rows / 2, rows).stream()
        .map(e -> new BenchEvent(e.id(), e.accountId() + 1, e.kind(), e.amount().add(java.math.BigDecimal.ONE),
            e.createdAt(), "changed"))
        .toList();
    Harness.Step seeded = () -> {
      Benchmarks.truncate(db);
      dao.insertAll(seed);
    };
    seeded.run();
    dao.upsertAll(changes.subList(0, Math.min(rows, 20_000)));

    System.out.println("bulk upsert (50% update, 50% insert)");
    Harness.Result quarry = harness.time("Quarry upsertAll (COPY + staged ON CONFLICT)", rows,
        seeded, () -> dao.upsertAll(changes));
    Harness.Result rewrite = harness.time("JDBC batch ON CONFLICT, reWriteBatchedInserts", rows,
        seeded, () -> JdbcBatch.run(changes, schemaUrl + "&reWriteBatchedInserts=true", JdbcBatch.UPSERT));
    Harness.Result plain = harness.time("JDBC batch ON CONFLICT", rows, seeded, () -> JdbcBatch.run(changes, schemaUrl, JdbcBatch.UPSERT));
    Harness.ratio("upsertAll vs batch+reWriteBatchedInserts", quarry, rewrite);
    Harness.ratio("upsertAll vs plain batch", quarry, plain);
  }

}
