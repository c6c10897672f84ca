package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.quarry.runtime.CheckViolationException;
import dev.quarry.runtime.DataException;
import dev.quarry.runtime.ExclusionViolationException;
import dev.quarry.runtime.ForeignKeyViolationException;
import dev.quarry.runtime.NoPartitionException;
import dev.quarry.runtime.NotNullViolationException;
import dev.quarry.runtime.QuarryException;
import dev.quarry.runtime.UniqueViolationException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * No bound value anywhere in what a QuarryException carries: each typed exception, raised
 * through every write path (single statement, COPY, unnest, staged upsert, raw JDBC, batch), is
 * printed as a logger would print it, and the print holds none of the row's values while it
 * keeps the SQLSTATE, the constraint and the table.
 */
class ExceptionRedactionTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  /** Every value the tests write contains this, so any leak shows up in the print. */
  static final String PII = "pii7f3a";
  static final String EMAIL = PII + "@example.com";

  static OwnerDao owners;
  static CounterDao counters;
  static DocumentDao documents;
  static EventDao events;

  @BeforeAll
  static void schema() {
    pg.apply(OwnerSchema.statements());
    pg.apply(CounterSchema.statements());
    pg.apply(DocumentSchema.statements());
    pg.apply(EventSchema.statements());
    pg.sql("ALTER TABLE counters ADD CONSTRAINT counters_value_non_negative CHECK (value >= 0)");
    pg.sql("CREATE TABLE bookings (room int NOT NULL, during int4range NOT NULL, who text,"
        + " CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH &&))");
    owners = new OwnerDao(pg.db());
    counters = new CounterDao(pg.db());
    documents = new DocumentDao(pg.db());
    events = new EventDao(pg.db());
    owners.insert(new Owner(null, EMAIL, PII + " name"));
  }

  @Test
  void uniqueViolationOnInsert() {
    UniqueViolationException e = thrown(UniqueViolationException.class,
        () -> owners.insert(new Owner(null, EMAIL, PII + " again")));
    assertClean(e, "23505", "owners_email_key", "owners");
  }

  @Test
  void uniqueViolationThroughCopy() {
    UniqueViolationException e = thrown(UniqueViolationException.class,
        () -> owners.insertAll(List.of(new Owner(null, PII + "-other@example.com", PII), new Owner(null, EMAIL, PII))));
    assertClean(e, "23505", "owners_email_key", "owners");
    assertTrue(printed(e).contains("COPY owners, line 2"), "the COPY line, which maps to the row, stays");
  }

  @Test
  void uniqueViolationThroughUnnest() {
    UniqueViolationException e = thrown(UniqueViolationException.class,
        () -> counters.insertAllReturning(List.of(new Counter(PII + "-u", 1), new Counter(PII + "-u", 2))));
    assertClean(e, "23505", "counters_pkey", "counters");
  }

  @Test
  void uniqueViolationThroughAStagedUpsert() {
    Owner other = owners.insert(new Owner(null, PII + "-second@example.com", PII));
    UniqueViolationException e = thrown(UniqueViolationException.class,
        () -> owners.upsertAll(List.of(new Owner(other.id(), EMAIL, PII + " moved"))));
    assertClean(e, "23505", "owners_email_key", "owners");
  }

  @Test
  void checkViolationOnInsertAndThroughCopy() {
    CheckViolationException single = thrown(CheckViolationException.class, () -> counters.insert(new Counter(PII, -1)));
    assertClean(single, "23514", "counters_value_non_negative", "counters");
    CheckViolationException copied = thrown(CheckViolationException.class,
        () -> counters.insertAll(List.of(new Counter(PII + "-c", -5))));
    assertClean(copied, "23514", "counters_value_non_negative", "counters");
  }

  @Test
  void notNullViolation() {
    NotNullViolationException e = thrown(NotNullViolationException.class, () -> raw(
        "INSERT INTO owners (email, name) VALUES (?, NULL)", EMAIL + ".nn"));
    assertClean(e, "23502", null, "owners");
    assertEquals("name", serverError(e).getColumn());
  }

  @Test
  void foreignKeyViolation() {
    ForeignKeyViolationException e = thrown(ForeignKeyViolationException.class,
        () -> documents.insert(new Document(null, 987_654_321L, PII, PII, null)));
    assertClean(e, "23503", "documents_owner_id_fkey", "documents");
    assertFalse(printed(e).contains("987654321"), printed(e));
  }

  @Test
  void exclusionViolation() {
    raw("INSERT INTO bookings VALUES (1, int4range(7100, 7200), ?)", PII);
    ExclusionViolationException e = thrown(ExclusionViolationException.class,
        () -> raw("INSERT INTO bookings VALUES (1, int4range(7150, 7250), ?)", PII));
    assertClean(e, "23P01", "bookings_no_overlap", "bookings");
    assertFalse(printed(e).contains("7150"), printed(e));
  }

  @Test
  void noPartitionOnInsertAndThroughCopy() {
    Instant far = Instant.parse("2199-07-04T01:02:03Z");
    NoPartitionException single = thrown(NoPartitionException.class, () -> events.insert(new Event(4242, far, 17, null)));
    assertClean(single, "23514", null, "events");
    NoPartitionException copied = thrown(NoPartitionException.class,
        () -> events.insertAll(List.of(new Event(4243, far, 17, null))));
    assertClean(copied, "23514", null, "events");
    for (QuarryException e : List.of(single, copied)) {
      assertFalse(printed(e).contains("2199"), printed(e));
      assertEquals("events", ((NoPartitionException) e).table());
    }
  }

  @Test
  void dataExceptionsLoseTheirQuotedValues() {
    DataException syntax = thrown(DataException.class, () -> raw("SELECT CAST(? AS integer)", PII));
    assertClean(syntax, "22P02", null, null);
    DataException range = thrown(DataException.class, () -> raw("SELECT CAST(CAST(? AS text) AS integer)", "98765432109"));
    assertClean(range, "22003", null, null);
    assertFalse(printed(range).contains("98765432109"), printed(range));
  }

  /** A conversion error raised by the driver itself quotes the value: its text is withheld. */
  @Test
  void driverConversionErrorsAreWithheld() {
    QuarryException e = thrown(QuarryException.class, () -> pg.db().withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT CAST(? AS text)")) {
        ps.setString(1, PII);
        try (var rs = ps.executeQuery()) {
          rs.next();
          return rs.getInt(1);
        }
      }
    }));
    assertClean(e, e.sqlState(), null, null);
  }

  /** pgjdbc prints a failed batch entry with its parameters; the server error behind it decides the type. */
  @Test
  void aFailedBatchIsClassifiedByItsServerErrorAndLosesItsEntries() {
    UniqueViolationException e = thrown(UniqueViolationException.class, () -> pg.db().withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO owners (email, name) VALUES (?, ?)")) {
        for (String email : List.of(PII + "-b1@example.com", EMAIL)) {
          ps.setString(1, email);
          ps.setString(2, PII);
          ps.addBatch();
        }
        return ps.executeBatch();
      }
    }));
    assertClean(e, "23505", "owners_email_key", "owners");
  }

  /** Inside a unit: the 25P02 of a later statement and the unit's own failure carry the first failure, clean. */
  @Test
  void failuresCarriedByAnAbortedUnitAreCleanToo() {
    QuarryException[] later = new QuarryException[1];
    QuarryException unit = thrown(QuarryException.class, () -> pg.db().transaction(() -> {
      try {
        owners.insert(new Owner(null, EMAIL, PII));
      } catch (UniqueViolationException swallowed) {
        // carried on
      }
      later[0] = assertThrows(QuarryException.class, () -> counters.insert(new Counter(PII + "-later", 1)));
    }));
    assertEquals("25P02", unit.sqlState());
    assertClean(unit, "25P02", null, null);
    assertInstanceOf(UniqueViolationException.class, unit.getCause());
    assertEquals(1, later[0].getSuppressed().length);
    assertClean(later[0], "25P02", null, null);
    assertTrue(printed(later[0]).contains("owners_email_key"), "the suppressed first failure is printed");
  }

  // --- helpers ----------------------------------------------------------------------------

  private static <T extends Throwable> T thrown(Class<T> type, Executable call) {
    return assertThrows(type, call);
  }

  private static void raw(String sql, String value) {
    pg.db().withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, value);
        ps.execute();
      }
      return null;
    });
  }

  /** The print a logger makes, plus every next exception of every SQLException reachable. */
  static String printed(Throwable e) {
    StringWriter out = new StringWriter();
    PrintWriter w = new PrintWriter(out);
    e.printStackTrace(w);
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    collectNext(e, w, seen);
    w.flush();
    return out.toString();
  }

  private static void collectNext(Throwable t, PrintWriter w, Map<Throwable, Boolean> seen) {
    if (t == null || seen.put(t, true) != null) {
      return;
    }
    if (t instanceof SQLException s && s.getNextException() != null) {
      w.println("next: ");
      s.getNextException().printStackTrace(w);
      collectNext(s.getNextException(), w, seen);
    }
    collectNext(t.getCause(), w, seen);
    for (Throwable s : t.getSuppressed()) {
      collectNext(s, w, seen);
    }
  }

  static void assertClean(QuarryException e, String sqlState, String constraint, String table) {
    String print = printed(e);
    for (String leak : List.of(PII, "Detail:", "Failing row", "Key (", "Batch entry")) {
      if (print.contains(leak)) {
        fail("'" + leak + "' in the printed " + e.getClass().getSimpleName() + ":\n" + print);
      }
    }
    assertEquals(sqlState, e.sqlState());
    assertTrue(print.contains(sqlState), "the SQLSTATE stays: " + print);
    if (constraint != null) {
      assertEquals(constraint, e.constraint().orElseThrow());
      assertTrue(print.contains(constraint), "the constraint stays: " + print);
    }
    if (table != null) {
      assertEquals(table, serverError(e).getTable(), "the table stays in the server error");
      assertTrue(serverError(e).getSchema() != null && !serverError(e).getSchema().isEmpty(), "the schema stays");
    }
  }

  static ServerErrorMessage serverError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PSQLException p && p.getServerErrorMessage() != null) {
        return p.getServerErrorMessage();
      }
      if (t instanceof SQLException s && s.getNextException() instanceof PSQLException n
          && n.getServerErrorMessage() != null) {
        return n.getServerErrorMessage();
      }
    }
    throw new AssertionError("no server error in the chain of " + e);
  }
}
