package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.MigrationPlan;
import dev.quarry.runtime.Schema;
import dev.quarry.runtime.TableDefinition;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A plan applied to a table of 100,000 rows while another connection keeps inserting: no insert
 * waits longer than the plan's lock timeout, and no row is lost. Slow (it fills and indexes the
 * table): {@code mvn -Pslow verify} runs it.
 */
@Tag("slow")
class SchemaUnderLoadTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static final int ROWS = 100_000;

  @Test
  void aPlanRunsUnderWritesWithoutLongWaitsOrLostRows() throws Exception {
    String group = "@Table(\"crews\") record Crew(@Id long id) {}";
    Versions v1 = Versions.compile(group, "@Table(\"shifts\") record Shift(@Id long id, long crewId, String label, "
        + "@Nullable String note) {}");
    Versions v2 = Versions.compile(group, "@Table(\"shifts\") @Timestamps @Index({\"crewId\", \"label\"}) "
        + "@Check(\"crew_id >= 0\") record Shift(@Id long id, @ForeignKey(references = Crew.class) long crewId, "
        + "@Unique String label, String note, @Nullable String phone, Instant createdAt, Instant updatedAt) {}");
    pg.apply(v1.statements("Crew"));
    pg.apply(v1.statements("Shift"));
    pg.sql("INSERT INTO crews SELECT g FROM generate_series(0, 99) g");
    pg.sql("INSERT INTO shifts SELECT g, g % 100, 'l' || g, 'n' FROM generate_series(1, " + ROWS + ") g");
    pg.sql("ANALYZE shifts");
    List<TableDefinition> after = List.of(v2.definition("Crew"), v2.definition("Shift"));
    MigrationPlan plan = Schema.plan(pg.db(), after);
    assertTrue(plan.manualSteps().isEmpty(), plan.manualSteps().toString());

    AtomicBoolean done = new AtomicBoolean();
    ExecutorService writer = Executors.newSingleThreadExecutor();
    Future<long[]> writes = writer.submit(() -> write(done));
    Thread.sleep(300);
    long started = System.nanoTime();
    Schema.migrate(pg.db(), after);
    long migrationMillis = (System.nanoTime() - started) / 1_000_000;
    Thread.sleep(300);
    done.set(true);
    long[] result = writes.get();
    writer.shutdown();
    long inserted = result[0];
    long slowestMillis = result[1];

    System.out.printf("schema under load: %d statements in %d ms over %,d rows; %,d inserts meanwhile, slowest %d ms%n",
        plan.statements().size(), migrationMillis, ROWS, inserted, slowestMillis);
    assertTrue(inserted > 10, "the writer kept writing: " + inserted);
    assertEquals((long) ROWS + inserted, pg.value("SELECT count(*) FROM shifts"), "no row lost");
    long limit = Schema.LOCK_TIMEOUT.plus(Duration.ofSeconds(1)).toMillis();
    assertTrue(slowestMillis < limit, "slowest insert waited " + slowestMillis + " ms, limit " + limit);
    assertEquals(List.of(), Schema.diff(pg.db(), after));
    Object dao = v2.dao("Shift", pg.db());
    assertEquals(ROWS / 100 + inserted / 100, ((List<?>) Versions.call(dao, "findByCrewId", 0L)).size(), 1.0);
  }

  /** Inserts rows one by one in autocommit until told to stop: {count, slowest ms}. */
  private static long[] write(AtomicBoolean done) throws Exception {
    long count = 0;
    long slowest = 0;
    try (Connection c = DriverManager.getConnection(pg.url());
         PreparedStatement insert = c.prepareStatement("INSERT INTO shifts (id, crew_id, label, note) VALUES (?, ?, ?, ?)")) {
      for (long id = ROWS + 1; !done.get(); id++) {
        insert.setLong(1, id);
        insert.setLong(2, id % 100);
        insert.setString(3, "w" + id);
        insert.setString(4, "n");
        long t = System.nanoTime();
        insert.executeUpdate();
        slowest = Math.max(slowest, (System.nanoTime() - t) / 1_000_000);
        count++;
      }
    }
    return new long[] {count, slowest};
  }
}
