package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every bulk upsert of every integration-test record, run both ways on the same staged rows: the
 * {@code MERGE} a DAO runs ({@code MERGE_ALL...}) must store exactly what the
 * {@code INSERT ... ON CONFLICT DO UPDATE} it falls back to ({@code UPSERT_ALL...}) stores, and
 * report the same row count, or fail with the same SQLSTATE.
 *
 * <p>Tables are filled from the catalog ({@link TableFiller}). The stage then holds, for each
 * stored row, its key with the other columns of another row (an update), a third of those keys
 * removed from the table first (inserts), a second row for every fifth key given later (the
 * later one must win), and keys with a NULL part as the filler makes them. Columns of other
 * unique indexes keep the row's own values, so that a row does not take another's unique value.
 * Both statements run in one transaction, so {@code now()} and the identity agree.
 *
 * <p>Where the DAO orders the rows itself (integer and UUID keys, {@code LastGiven}), its
 * statements read the stage as it lies, and the stage holds what the DAO would stage: every row
 * in key order, the ordinal of a row a later one of its key replaces negated, and then removed
 * by the DAO's {@code REMOVE_REPLACED}.
 *
 * <p>A row that fails (a soft-deleted stored row's key proposed with its own id, say) fails the
 * whole batch both ways and would hide what the other rows do, so each of the first
 * {@value #ONE_BY_ONE} staged keys is also upserted alone (with its later duplicate), both ways.
 */
class StagedUpsertDifferentialTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static final int ROWS = 300;
  static final int ONE_BY_ONE = 30;
  /** An SQL identifier, quoted or not. */
  private static final String NAME = "\"(?:[^\"]|\"\")*\"|[^\\s(),\"]+";
  private static final Pattern TARGET = Pattern.compile("MERGE INTO ((?:" + NAME + ")(?:\\.(?:" + NAME + "))?) AS quarry_row");
  private static final Pattern STAGE = Pattern.compile("CREATE TEMP TABLE (" + NAME + ") \\(");
  private static final Pattern KEY = Pattern.compile("ON CONFLICT \\(((?:" + NAME + ")(?:, (?:" + NAME + "))*)\\)");
  private static final Pattern ONE_NAME = Pattern.compile(NAME);

  /** One bulk upsert: its two statements and the stage they read. */
  record Upsert(String name, String createStage, String merge, String onConflict, String removeReplaced) {}

  /** What a statement did: its row count and the table after it, or the SQLSTATE it failed with. */
  record Outcome(String result, String table) {}

  @BeforeAll
  static void everyTableFilled() throws IOException {
    pg.sql(GeneratedCode.DOMAINS);
    pg.sql(GeneratedCode.schemaSql());
    pg.db().withConnection(c -> {
      TableFiller.fill(c, pg.schema(), ROWS);
      return null;
    });
  }

  @Test
  void mergeStoresExactlyWhatOnConflictStores() throws Exception {
    List<Upsert> upserts = upserts();
    List<String> failures = new ArrayList<>();
    int wrote = pg.db().withConnection(c -> {
      int written = 0;
      for (Upsert u : upserts) {
        for (int only = 0; only <= ONE_BY_ONE; only++) {
          Outcome[] both = compare(c, u, only);
          if (!both[0].equals(both[1])) {
            failures.add(u.name() + (only == 0 ? ", all rows" : ", staged key " + only) + ":\n  ON CONFLICT "
                + both[0].result() + "\n  MERGE       " + both[1].result()
                + (both[0].table().equals(both[1].table()) ? "" : "\n  and the tables differ"));
          } else if (only == 0 && !both[0].result().startsWith("SQLSTATE")) {
            written++;
          }
        }
      }
      return written;
    });
    assertTrue(failures.isEmpty(), failures.size() + " bulk upserts store differently through MERGE:\n"
        + String.join("\n", failures));
    // Most comparisons must have written rows: an error on both sides proves little.
    assertTrue(upserts.size() >= 10 && wrote >= upserts.size() * 3 / 4,
        "only " + wrote + " of " + upserts.size() + " bulk upserts wrote rows");
  }

  /**
   * Runs {@code u} through ON CONFLICT, then, from the same start, through MERGE: every staged
   * row, or ({@code only} above 0) the {@code only}-th key alone.
   */
  private static Outcome[] compare(Connection c, Upsert u, int only) throws SQLException {
    String table = group(TARGET, u.merge());
    String stage = group(STAGE, u.createStage());
    List<String> key = ONE_NAME.matcher(group(KEY, u.onConflict())).results().map(MatchResult::group).toList();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("SET LOCAL session_replication_role = replica");
      s.execute(u.createStage());
      List<String> columns = TableFiller.strings(c, "SELECT quote_ident(attname) FROM pg_attribute WHERE attrelid = '" + stage
          + "'::regclass AND attnum > 0 AND NOT attisdropped AND attname <> 'quarry_ordinal' ORDER BY attnum");
      List<String> own = TableFiller.strings(c, "SELECT DISTINCT quote_ident(a.attname) FROM pg_index i"
          + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
          + " WHERE i.indrelid = '" + table + "'::regclass AND i.indisunique");
      String numbered = "(SELECT *, row_number() OVER (ORDER BY " + String.join(", ", key) + ") AS quarry_n FROM " + table
          + ")";
      String values = columns.stream().map(col -> (key.contains(col) || own.contains(col) ? "k." : "v.") + col)
          .collect(Collectors.joining(", "));
      String into = "INSERT INTO " + stage + " (" + String.join(", ", columns) + ", quarry_ordinal)\nSELECT " + values;
      s.execute(into + ", k.quarry_n FROM " + numbered + " k JOIN " + numbered + " v ON v.quarry_n = k.quarry_n % "
          + ROWS + " + 1");
      s.execute(into + ", " + ROWS + " + k.quarry_n FROM " + numbered + " k JOIN " + numbered
          + " v ON v.quarry_n = (k.quarry_n + 10) % " + ROWS + " + 1 WHERE k.quarry_n % 5 = 0");
      s.execute("DELETE FROM " + table + " WHERE (" + String.join(", ", key) + ") IN (SELECT " + String.join(", ", key)
          + " FROM " + numbered + " n WHERE quarry_n % 3 = 0)");
      if (only > 0) {
        s.execute("DELETE FROM " + stage + " WHERE quarry_ordinal NOT IN (" + only + ", " + (ROWS + only) + ")");
      }
      if (!u.merge().contains("DISTINCT ON")) {
        // The DAO stages these rows as LastGiven leaves them: every row in key order, the ordinal
        // of a row a later one of its key replaces negated.
        String keys = String.join(", ", key);
        s.execute("CREATE TEMP TABLE quarry_last_given ON COMMIT DROP AS SELECT *, row_number() OVER (PARTITION BY " + keys
            + " ORDER BY quarry_ordinal DESC) > 1 AS quarry_replaced FROM " + stage);
        s.execute("DELETE FROM " + stage);
        s.execute("INSERT INTO " + stage + " (" + String.join(", ", columns) + ", quarry_ordinal) SELECT "
            + String.join(", ", columns) + ", CASE WHEN quarry_replaced THEN -quarry_ordinal ELSE quarry_ordinal END"
            + " FROM quarry_last_given ORDER BY " + keys + ", quarry_ordinal");
        s.execute("DROP TABLE quarry_last_given");
        s.execute(u.removeReplaced());
      }
      String before = snapshot(c, table);
      Outcome onConflict = run(c, u.onConflict(), table);
      Outcome merge = run(c, u.merge(), table);
      // One staged key may carry the values its row has already; a whole batch may not.
      assertTrue(only > 0 || onConflict.result().startsWith("SQLSTATE") || !onConflict.table().equals(before),
          u.name() + " changed nothing");
      return new Outcome[] {onConflict, merge};
    } finally {
      c.rollback();
      c.setAutoCommit(true);
    }
  }

  /** Runs {@code sql} under a savepoint, notes what it did, and undoes it. */
  private static Outcome run(Connection c, String sql, String table) throws SQLException {
    Savepoint before = c.setSavepoint();
    try (Statement s = c.createStatement()) {
      int count = s.executeUpdate(sql);
      return new Outcome(count + " rows", snapshot(c, table));
    } catch (SQLException e) {
      return new Outcome("SQLSTATE " + e.getSQLState(), "");
    } finally {
      c.rollback(before);
    }
  }

  /** The whole table as text, one row per line, sorted. */
  private static String snapshot(Connection c, String table) throws SQLException {
    List<String> rows = TableFiller.strings(c, "SELECT string_agg(t::text, E'\\n' ORDER BY t::text) FROM " + table + " t");
    return rows.isEmpty() || rows.get(0) == null ? "" : rows.get(0);
  }

  /** Every DAO constant {@code MERGE_ALL...} with its {@code UPSERT_ALL...} and stage. */
  private static List<Upsert> upserts() throws IOException, ReflectiveOperationException {
    List<Upsert> out = new ArrayList<>();
    for (Class<?> dao : GeneratedCode.daos()) {
      for (Field f : dao.getFields()) {
        if (f.getName().startsWith("MERGE_ALL")) {
          String onConflict = (String) dao.getField(f.getName().replace("MERGE_ALL", "UPSERT_ALL")).get(null);
          String create = (String) dao.getField("CREATE_STAGE").get(null);
          String removeReplaced = Arrays.stream(dao.getFields()).anyMatch(r -> r.getName().equals("REMOVE_REPLACED"))
              ? (String) dao.getField("REMOVE_REPLACED").get(null) : null;
          out.add(new Upsert(dao.getSimpleName() + "." + f.getName(), create, (String) f.get(null), onConflict,
              removeReplaced));
        }
      }
    }
    return out;
  }

  private static String group(Pattern p, String sql) {
    Matcher m = p.matcher(sql);
    if (!m.find()) {
      throw new IllegalStateException(p + " not found in " + sql);
    }
    return m.group(1);
  }
}
