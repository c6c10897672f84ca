package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An existing plain table becomes a partitioned one without losing a row. */
class MigrationTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  @Test
  void aPlainTableIsMigratedInBatchesAndLosesNoRow() {
    // The table as it was before @Partitioned: plain, with an index whose name the new schema reuses.
    pg.sql("CREATE TABLE events (id bigint NOT NULL, occurred_at timestamptz NOT NULL, user_id bigint NOT NULL, "
        + "payload jsonb, CONSTRAINT events_pkey PRIMARY KEY (id, occurred_at))");
    pg.sql("CREATE INDEX events_user_id_occurred_at_idx ON events (user_id, occurred_at)");
    pg.sql("INSERT INTO events SELECT i, timestamptz '2025-09-01 00:00:00+00' + i * interval '57 minutes', i % 97, "
        + "jsonb_build_object('i', i) FROM generate_series(1, 10000) i");
    String before = fingerprint();

    EventDao events = new EventDao(pg.db());
    long moved = events.partitions().migrate(EventSchema.statements(), 700);

    assertEquals(10_000, moved);
    assertEquals(before, fingerprint(), "every row, every value");
    assertEquals("p", pg.value("SELECT relkind::text FROM pg_class WHERE oid = 'events'::regclass"));
    assertEquals(false, pg.value("SELECT to_regclass('events_unpartitioned') IS NOT NULL"), "old table dropped");
    assertTrue(events.partitions().list().size() >= 13, "history from Sep 2025 plus the months ahead");
    assertEquals(10_000L, events.countByOccurredAtBetween(Instant.parse("2025-01-01T00:00:00Z"),
        Instant.parse("2027-01-01T00:00:00Z")));
    assertThrows(IllegalStateException.class, () -> events.partitions().migrate(EventSchema.statements(), 700),
        "already partitioned");
  }

  private static String fingerprint() {
    return (String) pg.value("SELECT md5(string_agg(id || '|' || occurred_at || '|' || user_id || '|' || payload::text, ','"
        + " ORDER BY id)) FROM events");
  }
}
