package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.CheckViolationException;
import dev.quarry.runtime.DataException;
import dev.quarry.runtime.QuarryException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A bulk write runs several statements (create a stage, copy into it, merge or insert from it),
 * and its errors name the one that failed, not the method's main statement: a developer reading
 * the message looks at the statement that PostgreSQL refused.
 */
class BulkStatementErrorsTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static SlotDao slots;
  static BookingDao bookings;
  static StockDao stock;
  static HostDao hosts;
  static DifferentialDao differential;

  @BeforeAll
  static void schema() {
    pg.apply(SlotSchema.statements());
    pg.apply(BookingSchema.statements());
    pg.apply(StockSchema.statements());
    pg.apply(HostSchema.statements());
    slots = new SlotDao(pg.db());
    bookings = new BookingDao(pg.db());
    stock = new StockDao(pg.db());
    hosts = new HostDao(pg.db());
    DifferentialTypes.schema(pg);
    differential = new DifferentialDao(pg.db());
  }

  /** The stage has the column's {@code varchar(5)}: a longer value fails in the COPY (22001). */
  @Test
  void aValueTheStageRefusesNamesTheCopy() {
    DataException e = assertThrows(DataException.class,
        () -> slots.upsertAll(List.of(new Slot(1, 1, "toolong", "a"))));
    assertEquals("22001", e.sqlState());
    assertStatement(e, "COPY quarry_stage_slots ");
  }

  /**
   * Rows over integer keys are staged in key order, so COPY's {@code line N} counts rows in that
   * order; the message says which row given it is, duplicates included.
   */
  @Test
  void aCopyLineOfRowsInKeyOrderIsMappedToTheRowGiven() {
    // text PostgreSQL refuses as jsonb while it copies (a too long varchar is refused before the COPY, by name)
    DataException e = assertThrows(DataException.class, () -> differential.upsertAll(List.of(
        json(5, "{}"), json(1, "not json"))));
    assertTrue(e.getMessage().endsWith("; line 1 of the COPY is row 2 of the rows given (rows are staged in key order)"),
        e.getMessage());
    e = assertThrows(DataException.class, () -> differential.upsertAll(List.of(
        json(3, "{}"), json(3, "[]"), json(2, "{}"), json(4, "not json"))));
    assertTrue(e.getMessage().endsWith("; line 4 of the COPY is row 4 of the rows given (rows are staged in key order)"),
        e.getMessage());
  }

  private static Differential json(long id, String jsonb) {
    return WritePathsDifferentialTest.with(WritePathsDifferentialTest.base(id), "jsonb", jsonb);
  }

  /**
   * A row a later row of its key replaces is still checked: the whole batch is refused, as it is
   * for keys PostgreSQL de-duplicates, and nothing is stored.
   */
  @Test
  void aRefusedRowIsRefusedEvenWhenALaterRowReplacesIt() {
    DataException e = assertThrows(DataException.class, () -> slots.upsertAll(List.of(
        new Slot(7, 1, "toolong", "a"), new Slot(7, 1, "ok", "b"))));
    assertEquals("22001", e.sqlState());
    assertThrows(DataException.class, () -> slots.upsertAllByTenantAndCode(List.of(
        new Slot(8, 1, "toolong", "a"), new Slot(9, 1, "ok", "b"))));
    assertEquals(0L, pg.value("SELECT count(*) FROM slots"));
  }

  /**
   * A column Quarry stages as text ({@code inet}) is cast when the stage is read; the replaced
   * rows are cast as they are removed, so a value the type refuses fails the call there as well.
   */
  @Test
  void aValueOfATypeStagedAsTextIsRefusedEvenWhenALaterRowReplacesIt() {
    DataException e = assertThrows(DataException.class, () -> hosts.upsertAll(List.of(
        new Host(60L, "not-an-ip", "x"), new Host(60L, "10.0.0.9", "z"))));
    assertEquals("22P02", e.sqlState());
    assertStatement(e, "WITH quarry_replaced AS (DELETE FROM quarry_stage_hosts ");
    assertEquals(0L, pg.value("SELECT count(*) FROM hosts"));
    assertEquals(1, hosts.upsertAll(List.of(new Host(60L, "10.0.0.8", "x"), new Host(60L, "10.0.0.9", "z"))));
    assertEquals("z", hosts.findById(60L).orElseThrow().name());
  }

  @Test
  void aCheckTheMergeViolatesNamesTheMerge() {
    Instant t = Instant.parse("2030-01-01T00:00:00Z");
    CheckViolationException e = assertThrows(CheckViolationException.class,
        () -> bookings.upsertAll(List.of(new Booking(null, t, t.plusSeconds(60), 99, "too many"))));
    assertStatement(e, "MERGE INTO bookings ");
  }

  /** A {@code BEFORE INSERT} trigger sends the upsert to {@code ON CONFLICT}, which is named. */
  @Test
  void aFailureOfOnConflictNamesIt() {
    pg.sql("CREATE FUNCTION stock_refuse() RETURNS trigger LANGUAGE plpgsql AS "
        + "$$BEGIN IF NEW.note = 'refused' THEN RAISE EXCEPTION 'refused' USING ERRCODE = '22023'; END IF; RETURN NEW; END$$");
    pg.sql("CREATE TRIGGER stock_refuse BEFORE INSERT ON stock FOR EACH ROW EXECUTE FUNCTION stock_refuse()");
    try {
      QuarryException e = assertThrows(QuarryException.class,
          () -> stock.upsertAll(List.of(new Stock("E-1", 1, "refused", null, null))));
      assertEquals("22023", e.sqlState());
      assertStatement(e, "INSERT INTO stock ");
      assertTrue(e.getMessage().contains("ON CONFLICT (sku) DO UPDATE"), e.getMessage());
    } finally {
      pg.sql("DROP TRIGGER stock_refuse ON stock");
      pg.sql("DROP FUNCTION stock_refuse()");
    }
  }

  private static void assertStatement(QuarryException e, String start) {
    assertTrue(e.getMessage().contains("in statement: " + start), e.getMessage());
  }
}
