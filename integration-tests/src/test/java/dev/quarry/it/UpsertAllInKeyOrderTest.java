package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bulk upserts whose DAOs de-duplicate and order the rows themselves (keys of {@code bigint},
 * {@code smallint} and {@code integer}, {@code uuid}): the last row given per key is stored, rows
 * are written in PostgreSQL's order of the key, and batches racing over the same keys in
 * opposite orders never deadlock.
 *
 * <p>The write order is read back from the heap: rows inserted into an empty table lie in the
 * order they were written, so {@code ORDER BY ctid} must equal {@code ORDER BY key}.
 */
class UpsertAllInKeyOrderTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static final int TRIALS = 20;
  private static final Instant AT = Instant.parse("2026-11-30T12:00:00Z");

  static TickDao ticks;
  static ApiKeyDao keys;
  static SeatDao seats;

  @BeforeAll
  static void schema() {
    pg.apply(TickSchema.statements());
    pg.apply(ApiKeySchema.statements());
    pg.apply(SeatSchema.statements());
    ticks = new TickDao(pg.db());
    keys = new ApiKeyDao(pg.db());
    seats = new SeatDao(pg.db());
  }

  @Test
  void bigintKeys() {
    Random random = new Random(1);
    long[] pool = {Long.MIN_VALUE, -7, -1, 0, 1, 2, 40, 1L << 40, Long.MAX_VALUE};
    check("ticks", "id", ticks::upsertAll, Tick::id, Tick::label,
        n -> new Tick(pool[random.nextInt(pool.length)], "t" + n), random);
  }

  @Test
  void uuidKeysInPostgreSqlsUnsignedByteOrder() {
    Random random = new Random(2);
    List<UUID> pool = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      pool.add(new UUID(random.nextLong(), random.nextLong())); // about half with a top bit set in each half
    }
    pool.add(new UUID(Long.MIN_VALUE, 0));
    pool.add(new UUID(Long.MAX_VALUE, -1));
    check("api_keys", "id", keys::upsertAll, ApiKey::id, ApiKey::label,
        n -> new ApiKey(pool.get(random.nextInt(pool.size())), "k" + n, AT.plus(n, ChronoUnit.SECONDS)), random);
  }

  @Test
  void smallintAndIntegerKeys() {
    Random random = new Random(3);
    short[] sections = {Short.MIN_VALUE, -1, 0, 1, Short.MAX_VALUE};
    int[] numbers = {Integer.MIN_VALUE, -1, 0, 7, Integer.MAX_VALUE};
    check("seats", "section, number", seats::upsertAll, s -> List.of(s.section(), s.number()), Seat::holder,
        n -> new Seat(sections[random.nextInt(sections.length)], numbers[random.nextInt(numbers.length)], "h" + n), random);
  }

  /**
   * {@link #TRIALS} random batches with repeated keys, each upserted into the emptied table, then
   * again reshuffled over the stored rows: the count and the table are what keeping the last row
   * per key gives, and the heap holds the first batch in key order.
   */
  private static <T> void check(String table, String key, Function<List<T>, Integer> upsertAll, Function<T, Object> keyOf,
      Function<T, String> valueOf, Function<Integer, T> row, Random random) {
    for (int trial = 0; trial < TRIALS; trial++) {
      pg.sql("TRUNCATE " + table);
      Map<Object, String> stored = new LinkedHashMap<>();
      for (int pass = 0; pass < 2; pass++) {
        List<T> rows = new ArrayList<>();
        Map<Object, String> last = new LinkedHashMap<>();
        for (int n = 0, size = 1 + random.nextInt(60); n < size; n++) {
          T r = row.apply(trial * 1000 + pass * 100 + n);
          rows.add(r);
          last.put(keyOf.apply(r), valueOf.apply(r));
        }
        assertEquals(last.size(), upsertAll.apply(rows), table + ", trial " + trial + ": rows written");
        if (pass == 0) {
          assertEquals(Boolean.TRUE, pg.value("SELECT array_agg((" + key + ") ORDER BY ctid) = array_agg((" + key
              + ") ORDER BY " + key + ") FROM " + table), table + ", trial " + trial + ": written in key order");
        }
        stored.putAll(last);
      }
      String value = table.equals("seats") ? "holder" : "label";
      assertEquals((long) stored.size(), pg.value("SELECT count(*) FROM " + table));
      assertEquals(stored.values().stream().sorted().toList(), List.of(values(table, value)),
          table + ", trial " + trial + ": the last row given per key");
    }
  }

  /** Every {@code value} of {@code table}, sorted as Java sorts strings. */
  private static String[] values(String table, String value) {
    return pg.db().withConnection(c -> {
      try (var s = c.createStatement(); var rs = s.executeQuery("SELECT array_agg(" + value + " ORDER BY " + value
          + " COLLATE \"C\") FROM " + table)) {
        rs.next();
        return (String[]) rs.getArray(1).getArray();
      }
    });
  }

  /**
   * Two batches of new keys, of 1,000 and 1,100 rows, the second given in the opposite order,
   * race into a small table (where a hash join would insert in the order of its hash table): the
   * DAO stages both in key order, so the second waits for the first's keys and then updates them.
   */
  @Test
  void batchesOfNewKeysInOppositeOrdersRaceWithoutDeadlock() throws Exception {
    for (int round = 0; round < 20; round++) {
      long first = 1_000_000L * (round + 1);
      List<Tick> small = ticks(first, 1000);
      List<Tick> large = new ArrayList<>(ticks(first, 1100));
      Collections.reverse(large);
      int deadlocks = DeadlockRace.deadlocks(() -> pg.db().transaction(() -> ticks.upsertAll(small)),
          () -> pg.db().transaction(() -> ticks.upsertAll(large)));
      assertEquals(0, deadlocks, "round " + round);
      assertEquals(1100L, pg.value("SELECT count(*) FROM ticks WHERE id >= " + first + " AND id < " + (first + 1100)));
    }
  }

  private static List<Tick> ticks(long first, int count) {
    List<Tick> rows = new ArrayList<>(count);
    for (long id = first; id < first + count; id++) {
      rows.add(new Tick(id, "n" + id));
    }
    return rows;
  }
}
