package dev.quarry.bench;

import java.math.BigDecimal;
import java.util.List;

/**
 * Bulk upsert into {@code bench_events} holding {@code rows} rows: {@code rows} changes, the first
 * half updating existing rows, the second half new. Each run starts from the same seeded table
 * after a {@code CHECKPOINT} (untimed). The baseline is hand-written batches of
 * {@code INSERT ... ON CONFLICT DO UPDATE} with {@code reWriteBatchedInserts=true}.
 */
final class BulkUpsertBenchmark {
  static final String SECTION = "upsert";
  static final String REWRITE = "JDBC batch ON CONFLICT, reWriteBatchedInserts";
  static final String QUARRY = "Quarry upsertAll";
  static final String SPRING = "Spring batchUpdate";
  static final String JDBI = "Jdbi PreparedBatch";
  static final String JOOQ = "jOOQ batch onConflict";
  static final String HIBERNATE = "Hibernate upsertMultiple";

  private final Peers p;
  private final int rows;

  BulkUpsertBenchmark(Peers p, int rows) {
    this.p = p;
    this.rows = rows;
  }

  Measured run(Harness.Settings settings) throws Exception {
    BenchEventDao dao = new BenchEventDao(p.quarry);
    List<BenchEvent> seed = Benchmarks.events(0, rows);
    // Ids rows/2 .. 3*rows/2: the first half exists (update), the second half does not (insert).
    List<BenchEvent> changes = Benchmarks.events(rows / 2, rows).stream()
        .map(e -> new BenchEvent(e.id(), e.accountId() + 1, e.kind(), e.amount().add(BigDecimal.ONE), e.createdAt(), "changed"))
        .toList();
    Harness.Step seeded = () -> {
      Benchmarks.truncate(p.quarry, "bench_events");
      dao.insertAll(seed);
      Benchmarks.sql(p.quarry, "VACUUM ANALYZE bench_events");
      Benchmarks.checkpoint(p.quarry);
    };
    return Harness.run(SECTION, String.format("bulk upsert, %,d rows into %,d (half update, half insert)", rows, rows), List.of(
        Harness.Contender.bulk(REWRITE, seeded, () -> p.hand.upsertAll(changes)),
        Harness.Contender.bulk(QUARRY, seeded, () -> dao.upsertAll(changes)),
        Harness.Contender.bulk(SPRING, seeded, () -> p.spring.upsertAll(changes)),
        Harness.Contender.bulk(JDBI, seeded, () -> p.jdbi.upsertAll(changes)),
        Harness.Contender.bulk(JOOQ, seeded, () -> p.jooq.upsertAll(changes)),
        Harness.Contender.bulk(HIBERNATE, seeded, () -> p.hibernate.upsertAll(changes))), settings);
  }
}
