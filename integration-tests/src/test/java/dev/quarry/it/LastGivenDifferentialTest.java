package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.quarry.runtime.internal.LastGiven;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code LastGiven}, which orders the rows of bulk upserts over integer and UUID keys in Java and
 * marks those a later row replaces, against what PostgreSQL's
 * {@code DISTINCT ON (key) ... ORDER BY key, ordinal DESC} keeps from the same rows: the rows it
 * leaves unmarked are the same rows, in the same order, and every row given is staged once, for every key type the DAOs order in Java
 * ({@code KeysInJavaTest} in the processor pins which) and keys of several columns, with the
 * comparators the DAOs are generated with.
 *
 * <p>Random batches draw each key column from a small pool of values, so that keys repeat often,
 * with the values where a comparison goes wrong: the smallest and largest, -1, 0 and 1, and UUIDs
 * whose halves have the top bit set or not (PostgreSQL compares UUID bytes unsigned,
 * {@link UUID#compareTo} compares the halves signed).
 */
class LastGivenDifferentialTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static final int TRIALS = 150;

  /** One given row: a value of each key type and its 1-based position. */
  record Row(short s, int i, long l, UUID u, int ordinal) {}

  /** A key: its columns as SQL names them and the comparator a DAO is generated with. */
  record Key(String columns, Comparator<Row> order) {}

  static final List<Key> KEYS = List.of(
      new Key("s", Comparator.comparingInt(Row::s)),
      new Key("i", Comparator.comparingInt(Row::i)),
      new Key("l", Comparator.comparingLong(Row::l)),
      new Key("u", Comparator.comparing(Row::u, LastGiven.UUID_ORDER)),
      new Key("u, l", Comparator.comparing(Row::u, LastGiven.UUID_ORDER).thenComparingLong(Row::l)),
      new Key("s, i, l", Comparator.comparingInt(Row::s).thenComparingInt(Row::i).thenComparingLong(Row::l)));

  private static final short[] SHORTS = {Short.MIN_VALUE, -1, 0, 1, Short.MAX_VALUE, 300};
  private static final int[] INTS = {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE, 70_000};
  private static final long[] LONGS = {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE, 5_000_000_000L};
  private static final UUID[] UUIDS = {new UUID(0, 0), new UUID(-1, -1), new UUID(Long.MIN_VALUE, 0),
      new UUID(Long.MAX_VALUE, -1), new UUID(0x0190_0000_0000_7000L, Long.MIN_VALUE),
      new UUID(0x0190_0000_0000_7000L, 0x3000_0000_0000_0001L), UUID.fromString("f47ac10b-58cc-4372-a567-0e02b2c3d479"),
      UUID.fromString("7f47ac10-58cc-4372-a567-0e02b2c3d479")};

  @Test
  void javaKeepsTheRowsDistinctOnKeepsInItsOrder() {
    List<String> found = differences(KEYS);
    assertEquals(List.of(), found.subList(0, Math.min(5, found.size())), found.size() + " batches differ, the first five:");
  }

  /** The control: with {@link UUID#compareTo} the same comparison fails, so the test above can. */
  @Test
  void uuidNaturalOrderIsNotPostgreSqls() {
    List<String> found = differences(List.of(new Key("u", Comparator.comparing(Row::u)),
        new Key("l", Comparator.comparingLong(r -> Math.abs(r.l() % 1000)))));
    assertNotEquals(List.of(), found);
    assertEquals(2, found.stream().map(f -> f.substring(0, f.indexOf(':'))).distinct().count(), found.toString());
  }

  /** Runs {@link #TRIALS} random batches through every key; one line per key and batch that differ. */
  private static List<String> differences(List<Key> keys) {
    return pg.db().withConnection(c -> {
      List<String> found = new ArrayList<>();
      Random random = new Random(20261130);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TEMP TABLE given (s smallint, i integer, l bigint, u uuid, ordinal integer)");
      }
      for (int trial = 0; trial < TRIALS; trial++) {
        List<Row> given = batch(random, 1 + random.nextInt(trial % 10 == 0 ? 400 : 40));
        for (Key key : keys) {
          // the batch as drawn, and the same rows given in key order (which LastGiven only checks)
          check(c, key, given, "batch " + trial, found);
          check(c, key, inKeyOrder(given, key.order()), "batch " + trial + " in key order", found);
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute("DROP TABLE given");
      }
      return found;
    });
  }

  /** Stages {@code rows} and compares what LastGiven stages with what DISTINCT ON keeps. */
  private static void check(Connection c, Key key, List<Row> rows, String label, List<String> found) throws SQLException {
    stage(c, rows);
    List<Integer> postgres = ordinals(c, "SELECT ordinal FROM (SELECT DISTINCT ON (" + key.columns() + ") "
        + key.columns() + ", ordinal FROM given ORDER BY " + key.columns() + ", ordinal DESC) AS last_given ORDER BY "
        + key.columns());
    LastGiven.Staged<Row> staged = LastGiven.inKeyOrder(rows, key.order());
    String where = key.columns() + ": " + label + " of " + rows.size() + " rows: ";
    if (staged.rows().size() != rows.size()) {
      found.add(where + staged.rows().size() + " rows staged");
      return;
    }
    List<Integer> java = new ArrayList<>();
    for (int i = 0; i < staged.rows().size(); i++) {
      // every row is staged with its own position; the upsert reads the positive ones
      if (Math.abs(staged.ordinals()[i]) != staged.rows().get(i).ordinal()) {
        found.add(where + "row " + staged.rows().get(i) + " staged with ordinal " + staged.ordinals()[i]);
      }
      if (staged.ordinals()[i] > 0) {
        java.add(staged.rows().get(i).ordinal());
      }
    }
    if (!java.equals(postgres)) {
      found.add(where + "PostgreSQL keeps " + postgres + ", Java " + java);
    }
  }

  /** {@code rows} sorted by {@code order} (stable), renumbered as given in that order. */
  private static List<Row> inKeyOrder(List<Row> rows, Comparator<Row> order) {
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(order);
    List<Row> renumbered = new ArrayList<>(sorted.size());
    for (Row r : sorted) {
      renumbered.add(new Row(r.s(), r.i(), r.l(), r.u(), renumbered.size() + 1));
    }
    return renumbered;
  }

  private static List<Row> batch(Random random, int size) {
    List<Row> rows = new ArrayList<>(size);
    for (int n = 1; n <= size; n++) {
      rows.add(new Row(SHORTS[random.nextInt(SHORTS.length)], INTS[random.nextInt(INTS.length)],
          LONGS[random.nextInt(LONGS.length)], UUIDS[random.nextInt(UUIDS.length)], n));
    }
    return rows;
  }

  private static void stage(Connection c, List<Row> rows) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("TRUNCATE given");
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO given VALUES (?, ?, ?, ?, ?)")) {
      for (Row r : rows) {
        ps.setShort(1, r.s());
        ps.setInt(2, r.i());
        ps.setLong(3, r.l());
        ps.setObject(4, r.u());
        ps.setInt(5, r.ordinal());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static List<Integer> ordinals(Connection c, String sql) throws SQLException {
    List<Integer> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getInt(1));
      }
    }
    return out;
  }
}
