package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.quarry.runtime.CheckViolationException;
import dev.quarry.runtime.QuarryException;
import dev.quarry.runtime.TxOptions;
import dev.quarry.runtime.UniqueViolationException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A bulk upsert runs {@code MERGE} where it can; each case here is one where a {@code MERGE}
 * written naively stores, counts or throws otherwise than the {@code INSERT ... ON CONFLICT DO
 * UPDATE} that the single-row {@code upsert} runs. The single-row call is the reference.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BulkUpsertLikeOnConflictTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static MemberDao members;
  static StockDao stock;
  static BookingDao bookings;

  @BeforeAll
  static void schema() {
    pg.apply(MemberSchema.statements());
    pg.apply(StockSchema.statements());
    pg.apply(BookingSchema.statements());
    members = new MemberDao(pg.db());
    stock = new StockDao(pg.db());
    bookings = new BookingDao(pg.db());
  }

  @BeforeEach
  void empty() {
    pg.sql("TRUNCATE members, stock, bookings");
  }

  /**
   * {@code ON CONFLICT (email) WHERE deleted_at IS NULL} arbitrates only a proposed row that is
   * live itself: a soft-deleted one is inserted beside the live row, which stays untouched.
   */
  @Test
  void aSoftDeletedRowIsInsertedBesideTheLiveOneWithTheSameUniqueKey() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Member single = members.insert(new Member(null, "single@x.test", "live", null, null, null));
    Member bulk = members.insert(new Member(null, "bulk@x.test", "live", null, null, null));
    members.upsertByEmail(new Member(null, "single@x.test", "gone", null, null, now));
    assertEquals(1, members.upsertAllByEmail(List.of(new Member(null, "bulk@x.test", "gone", null, null, now))));
    for (Member live : List.of(single, bulk)) {
      assertEquals("live", members.findById(live.id()).orElseThrow().name(), live.email());
      assertEquals(2L, pg.value("SELECT count(*) FROM members WHERE email = '" + live.email() + "'"));
    }
  }

  /** ...and when it carries the live row's id, the insert fails on the primary key. */
  @Test
  void aSoftDeletedRowWithTheLiveRowsIdFailsOnThePrimaryKey() {
    Member live = members.insert(new Member(null, "b@x.test", "live", null, null, null));
    Member gone = new Member(live.id(), "b@x.test", "gone", null, null, Instant.now().truncatedTo(ChronoUnit.MICROS));
    assertThrows(UniqueViolationException.class, () -> members.upsertByEmail(gone));
    assertThrows(UniqueViolationException.class, () -> members.upsertAllByEmail(List.of(gone)));
    assertEquals("live", members.findById(live.id()).orElseThrow().name());
  }

  /**
   * {@code ON CONFLICT} fires {@code BEFORE INSERT} row triggers for every proposed row, and the
   * update takes the trigger's values through {@code EXCLUDED}; {@code MERGE} would fire them only
   * for rows it inserts.
   */
  @Test
  void aBeforeInsertTriggerReachesUpdatedRows() {
    pg.sql("CREATE FUNCTION stock_lower_note() RETURNS trigger LANGUAGE plpgsql AS "
        + "$$BEGIN NEW.note := lower(NEW.note); RETURN NEW; END$$");
    pg.sql("CREATE TRIGGER stock_lower_note BEFORE INSERT ON stock FOR EACH ROW EXECUTE FUNCTION stock_lower_note()");
    try {
      stock.insert(new Stock("T-1", 1, "x", null, null));
      stock.insert(new Stock("T-2", 1, "x", null, null));
      assertEquals("hello", stock.upsert(new Stock("T-1", 2, "HELLO", null, null)).note());
      assertEquals(2, stock.upsertAll(List.of(new Stock("T-2", 2, "HELLO", null, null), new Stock("T-3", 1, "NEW", null, null))));
      assertEquals("hello", stock.findById("T-2").orElseThrow().note());
      assertEquals("new", stock.findById("T-3").orElseThrow().note());
    } finally {
      pg.sql("DROP TRIGGER stock_lower_note ON stock; DROP FUNCTION stock_lower_note()");
    }
  }

  /**
   * PostgreSQL 15 refuses {@code MERGE} on a table with any rule; {@code ON CONFLICT} does not mind
   * this one. {@code pg_class.relhasrules} stays true after the rule is dropped, so the table keeps
   * {@code ON CONFLICT} from then on: this test runs after the others.
   */
  @Test
  @Order(Order.DEFAULT + 1)
  void aTableWithAnOnDeleteRuleIsUpserted() {
    pg.sql("CREATE TABLE stock_archive (sku text, quantity bigint)");
    pg.sql("CREATE RULE stock_archive AS ON DELETE TO stock DO ALSO INSERT INTO stock_archive VALUES (OLD.sku, OLD.quantity)");
    try {
      stock.insert(new Stock("R-1", 1, null, null, null));
      assertEquals(5, stock.upsert(new Stock("R-1", 5, null, null, null)).quantity());
      assertEquals(2, stock.upsertAll(List.of(new Stock("R-1", 6, null, null, null), new Stock("R-2", 1, null, null, null))));
      assertEquals(6, stock.findById("R-1").orElseThrow().quantity());
    } finally {
      pg.sql("DROP RULE stock_archive ON stock; DROP TABLE stock_archive");
    }
  }

  /**
   * {@code MERGE INTO stock} would reach the rows of a table inheriting from it; ON CONFLICT does
   * not. {@code pg_class.relhassubclass} stays true until a VACUUM after the child is dropped: this
   * test, too, runs after the others.
   */
  @Test
  @Order(Order.DEFAULT + 1)
  void aKeyInAnInheritingTableIsInsertedIntoTheParent() {
    pg.sql("CREATE TABLE stock_archive () INHERITS (stock)");
    try {
      pg.sql("INSERT INTO stock_archive (sku, quantity) VALUES ('single', 1), ('bulk', 1)");
      stock.upsert(new Stock("single", 7, null, null, null));
      assertEquals(1, stock.upsertAll(List.of(new Stock("bulk", 7, null, null, null))));
      for (String sku : List.of("single", "bulk")) {
        assertEquals(7L, pg.value("SELECT quantity FROM ONLY stock WHERE sku = '" + sku + "'"), sku);
        assertEquals(1L, pg.value("SELECT quantity FROM ONLY stock_archive WHERE sku = '" + sku + "'"), sku);
      }
    } finally {
      pg.sql("DROP TABLE stock_archive");
    }
  }

  /** ON CONFLICT refuses a deferrable unique key as its arbiter (55000); so does the bulk upsert. */
  @Test
  void aDeferrableKeyIsRefusedAsTheArbiter() {
    pg.sql("ALTER TABLE stock DROP CONSTRAINT stock_pkey, ADD CONSTRAINT stock_pkey PRIMARY KEY (sku) DEFERRABLE");
    try {
      assertEquals("55000", assertThrows(QuarryException.class,
          () -> stock.upsert(new Stock("d", 1, null, null, null))).sqlState());
      assertEquals("55000", assertThrows(QuarryException.class,
          () -> stock.upsertAll(List.of(new Stock("d", 1, null, null, null)))).sqlState());
    } finally {
      pg.sql("ALTER TABLE stock DROP CONSTRAINT stock_pkey, ADD CONSTRAINT stock_pkey PRIMARY KEY (sku)");
    }
  }

  /** A failure inside a nested unit rolls back that unit's savepoint only; the outer unit goes on. */
  @Test
  void aCheckViolationInANestedUnitLeavesTheOuterUnitUsable() {
    Instant t = Instant.parse("2030-01-01T00:00:00Z");
    int last = pg.db().transaction(() -> {
      bookings.insert(new Booking(null, t, t.plusSeconds(60), 2, "ok"));
      assertThrows(CheckViolationException.class, () -> pg.db().transaction(() -> bookings.upsertAll(List.of(
          new Booking(null, t, t.plusSeconds(60), 2, "fine"), new Booking(null, t, t.plusSeconds(60), 99, "bad")))));
      assertEquals("on", pg.db().withConnection(c -> {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT current_setting('enable_hashjoin')")) {
          rs.next();
          return rs.getString(1);
        }
      }));
      return bookings.upsertAll(List.of(new Booking(null, t, t.plusSeconds(60), 3, "after")));
    });
    assertEquals(1, last);
    assertEquals(2L, pg.value("SELECT count(*) FROM bookings"));
  }

  /**
   * Under row-level security, {@code ON CONFLICT DO UPDATE} requires every proposed row to pass
   * the table's {@code SELECT} policies and refuses one that does not (42501); a {@code MERGE}
   * would insert it. Run as a role without {@code BYPASSRLS}, since superusers skip policies.
   */
  @Test
  void aRowTheSelectPolicyHidesIsRefusedUnderRowLevelSecurity() {
    String role = "quarry_rls_" + pg.schema();
    pg.sql("CREATE ROLE " + role);
    pg.sql("GRANT USAGE ON SCHEMA " + pg.schema() + " TO " + role);
    pg.sql("GRANT SELECT, INSERT, UPDATE ON stock TO " + role);
    pg.sql("ALTER TABLE stock ENABLE ROW LEVEL SECURITY");
    pg.sql("CREATE POLICY stock_visible ON stock FOR SELECT USING (note IS DISTINCT FROM 'hidden')");
    pg.sql("CREATE POLICY stock_insert ON stock FOR INSERT WITH CHECK (true)");
    pg.sql("CREATE POLICY stock_update ON stock FOR UPDATE USING (true)");
    try {
      for (boolean bulk : List.of(false, true)) {
        Stock hidden = new Stock(bulk ? "RLS-2" : "RLS-1", 1, "hidden", null, null);
        QuarryException e = assertThrows(QuarryException.class, () -> pg.db().transaction(() -> {
          pg.db().withConnection(c -> {
            try (Statement s = c.createStatement()) {
              return s.execute("SET LOCAL ROLE " + role);
            }
          });
          return bulk ? stock.upsertAll(List.of(hidden)) : stock.upsert(hidden).quantity();
        }), bulk ? "upsertAll" : "upsert");
        assertEquals("42501", e.sqlState(), e.getMessage());
      }
      assertEquals(0L, pg.value("SELECT count(*) FROM stock"));
    } finally {
      pg.sql("DROP POLICY stock_visible ON stock");
      pg.sql("DROP POLICY stock_insert ON stock");
      pg.sql("DROP POLICY stock_update ON stock");
      pg.sql("ALTER TABLE stock DISABLE ROW LEVEL SECURITY");
      pg.sql("REVOKE ALL ON stock FROM " + role);
      pg.sql("REVOKE USAGE ON SCHEMA " + pg.schema() + " FROM " + role);
      pg.sql("DROP ROLE " + role);
    }
  }

  /** Under REPEATABLE READ a key committed after the snapshot ends in 40001, as under ON CONFLICT. */
  @Test
  void aKeyCommittedAfterARepeatableReadSnapshotIsASerializationFailure() {
    QuarryException e = assertThrows(QuarryException.class, () -> pg.db().transaction(
        TxOptions.defaults().isolation(TxOptions.Isolation.REPEATABLE_READ), () -> {
          pg.db().withConnection(c -> {
            try (Statement s = c.createStatement()) {
              return s.execute("SELECT count(*) FROM stock"); // takes the snapshot
            }
          });
          try (Connection other = DriverManager.getConnection(pg.url()); Statement s = other.createStatement()) {
            s.execute("INSERT INTO stock (sku, quantity) VALUES ('RR-1', 1)");
          }
          return stock.upsertAll(List.of(new Stock("RR-1", 2, null, null, null)));
        }));
    assertEquals("40001", e.sqlState());
  }
}
