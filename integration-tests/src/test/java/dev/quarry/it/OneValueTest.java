package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.QuarryException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The inputs that once made write paths disagree, each pinned on real PostgreSQL with the value
 * it must store. {@link WritePathsDifferentialTest} guards the whole family; these name the
 * cases. (Refusing {@code Instant} in a {@code timestamp} column, and annotation text that is not
 * a type or an expression, happen at compile time: see the processor's AnnotationTextTest.)
 */
class OneValueTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static DifferentialDao values;
  static TenantDao tenants;
  static PriceDao prices;
  static SlotDao slots;
  static OddityDao oddities;
  static long ids = 1000;

  @BeforeAll
  static void schema() {
    DifferentialTypes.schema(pg);
    pg.apply(TenantSchema.statements());
    pg.apply(PriceSchema.statements());
    pg.apply(SlotSchema.statements());
    pg.apply(OdditySchema.statements());
    values = new DifferentialDao(pg.db());
    tenants = new TenantDao(pg.db());
    prices = new PriceDao(pg.db());
    slots = new SlotDao(pg.db());
    oddities = new OddityDao(pg.db());
  }

  /** A row whose only value is {@code set} applied to an all-null row. */
  static Differential row(String component, Object value) {
    long id = ++ids;
    return WritePathsDifferentialTest.with(WritePathsDifferentialTest.base(id), component, value);
  }

  /** Every write path that inserts a fresh row. */
  static final List<Consumer<Differential>> PATHS = List.of(
      r -> values.insert(r), r -> values.upsert(r), r -> values.insertAll(List.of(r)),
      r -> values.insertAllReturning(List.of(r)), r -> values.upsertAll(List.of(r)),
      r -> values.upsertAllByTag(List.of(r)));

  private static String stored(String column, long id) {
    return (String) pg.value("SELECT " + column + "::text FROM differential WHERE id = " + id);
  }

  @Test
  void fault1_binaryCopyStoresInfinityForLocalDateMaxAndRefusesDatesPostgresCannotHold() {
    for (Consumer<Differential> path : PATHS) {
      Differential r = row("localDate", LocalDate.MAX);
      path.accept(r);
      assertEquals("infinity", stored("local_date", r.id()));
      assertEquals(LocalDate.MAX, values.findById(r.id()).orElseThrow().localDate());
      Differential tooLate = row("localDate", LocalDate.of(5_874_898, 1, 1));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> path.accept(tooLate));
      assertTrue(e.getMessage().startsWith("Differential.localDate:"), e.getMessage());
      assertTrue(values.findById(tooLate.id()).isEmpty());
    }
  }

  @Test
  void fault2_insertAllReturningStoresBcAndFiveDigitYears() {
    for (Instant at : List.of(Instant.parse("-0044-03-15T12:00:00Z"), Instant.parse("+12345-01-01T00:00:00Z"))) {
      Differential r = row("instant", at);
      assertEquals(at, values.insertAllReturning(List.of(r)).get(0).instant());
      assertEquals(at, values.findById(r.id()).orElseThrow().instant());
      String text = at.getEpochSecond() < 0 ? "0045-03-15 12:00:00+00 BC" : "12345-01-01 00:00:00+00";
      assertEquals(true, pg.value("SELECT instant = '" + text + "'::timestamptz FROM differential WHERE id = " + r.id()));
    }
  }

  @Test
  void fault3_everyPathRoundsAHalfMicrosecondTheSameWay() {
    for (Consumer<Differential> path : PATHS) {
      Differential r = row("instant", Instant.parse("2000-01-01T00:00:00.0000005Z"));
      path.accept(r);
      assertEquals(Instant.parse("2000-01-01T00:00:00.000001Z"), values.findById(r.id()).orElseThrow().instant());
    }
  }

  @Test
  void fault4_instantMinIsMinusInfinityAndOutOfRangeIsQuarrysOwnError() {
    Differential min = row("instant", Instant.MIN);
    values.insert(min);
    assertEquals("-infinity", stored("instant", min.id()));
    assertEquals(Instant.MIN, values.findById(min.id()).orElseThrow().instant());
    Differential beyond = row("instant", Instant.MIN.plusSeconds(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> values.insert(beyond));
    assertTrue(e.getMessage().contains("Differential.instant") && e.getMessage().contains("timestamptz"), e.getMessage());
  }

  @Test
  void fault5_aDeclaredLengthIsNeverCutOnAnyPath() {
    List<Consumer<Slot>> paths = List.of(s -> slots.insert(s), s -> slots.upsert(s), s -> slots.upsertByTenantAndCode(s),
        s -> slots.insertAll(List.of(s)), s -> slots.insertAllReturning(List.of(s)), s -> slots.upsertAll(List.of(s)),
        s -> slots.upsertAllByTenantAndCode(List.of(s)));
    long id = 1;
    for (Consumer<Slot> path : paths) {
      Slot tooLong = new Slot(id++, 5, "abcdef", "x");
      QuarryException e = assertThrows(QuarryException.class, () -> path.accept(tooLong));
      assertEquals("22001", e.sqlState());
      assertTrue(slots.findById(tooLong.id()).isEmpty());
    }
    Slot fits = slots.insert(new Slot(id, 5, "abcde", "x"));
    QuarryException e = assertThrows(QuarryException.class, () -> slots.update(new Slot(fits.id(), 5, "abcdef", "y")));
    assertEquals("22001", e.sqlState());
    assertEquals("abcde", slots.findById(fits.id()).orElseThrow().code());
  }

  @Test
  void fault7_bulkUpsertsCollapseKeysPostgresFindsEqualTheLastOneWinning() {
    assertEquals(1, prices.upsertAllByPrice(List.of(new Price(1, new BigDecimal("8.10"), "first"),
        new Price(2, new BigDecimal("8.1"), "second"))));
    assertEquals(1L, pg.value("SELECT count(*) FROM prices"));
    Price stored = prices.findByPrice(new BigDecimal("8.100")).orElseThrow();
    assertEquals(2, stored.id());
    assertEquals("second", stored.label());
    assertEquals(0, new BigDecimal("8.1").compareTo(stored.price()));
    // Upserting the same key again, in another scale, updates that row.
    assertEquals(1, prices.upsertAllByPrice(List.of(new Price(3, new BigDecimal("8.1000"), "third"))));
    assertEquals("third", prices.findById(2).orElseThrow().label());
  }

  @Test
  void fault8_aNullPartOfACompositeKeyNeverConflictsInBulkAsInSingleUpserts() {
    List<Slot> batch = List.of(new Slot(101, 7, null, "n1"), new Slot(102, 7, null, "n2"), new Slot(103, 7, "a", "a1"),
        new Slot(104, 7, "a", "a2"));
    assertEquals(3, slots.upsertAllByTenantAndCode(batch));
    List<Slot> stored = new ArrayList<>(slots.findByIds(List.of(101L, 102L, 103L, 104L)).values());
    stored.sort(Comparator.comparing(Slot::id));
    assertEquals(List.of(new Slot(101, 7, null, "n1"), new Slot(102, 7, null, "n2"), new Slot(104, 7, "a", "a2")), stored);
    // The single-row path agrees: a NULL part inserts again.
    slots.upsertByTenantAndCode(new Slot(105, 7, null, "n3"));
    assertEquals(3L, pg.value("SELECT count(*) FROM slots WHERE tenant = 7 AND code IS NULL"));
  }

  @Test
  void fault9_explicitIdentityValuesMoveTheSequencePastThemOnEveryPath() {
    assertEquals(41L, tenants.insert(new Tenant(41L, "a")).id());
    assertEquals(42L, tenants.insert(new Tenant(null, "b")).id());
    tenants.insertAll(List.of(new Tenant(100L, "c"), new Tenant(null, "d")));
    assertEquals(101L, tenants.findByDb("d").orElseThrow().id(), "ids reserved for null rows come after explicit ones");
    assertEquals(102L, tenants.insert(new Tenant(null, "e")).id());
    tenants.upsert(new Tenant(200L, "f"));
    assertEquals(201L, tenants.insertAllReturning(List.of(new Tenant(null, "g"))).get(0).id());
    tenants.upsertAllByDb(List.of(new Tenant(300L, "h")));
    tenants.upsertByDb(new Tenant(250L, "i"));
    assertEquals(301L, tenants.upsert(new Tenant(null, "j")).id());
    // A sequence already ahead of an explicit id is never moved back.
    tenants.insert(new Tenant(5L, "k"));
    assertEquals(302L, tenants.insert(new Tenant(null, "l")).id());
  }

  @Test
  void fault10_aComponentNamedLikeTheDaosFieldWorks() {
    Tenant t = tenants.insert(new Tenant(null, "db-named"));
    assertEquals(t, tenants.findByDb("db-named").orElseThrow());
    assertTrue(tenants.existsByDb("db-named"));
  }

  @Test
  void fault11_namesThatLookLikeSqlAreQuotedEverywhereAndTheTriggerBodyKeepsItsQuote() {
    Oddity o = oddities.insert(new Oddity(1, "v", null, null));
    assertEquals("v", oddities.findById(1).orElseThrow().value());
    oddities.upsertAll(List.of(new Oddity(1, "w", null, null), new Oddity(2, "z", null, null)));
    assertEquals(2, oddities.insertAllReturning(List.of(new Oddity(3, "3", null, null), new Oddity(4, "4", null, null)))
        .size());
    assertEquals("w", oddities.findById(o.id()).orElseThrow().value());
    Instant before = oddities.findById(2).orElseThrow().touched();
    pg.sql("UPDATE \"a*/b \"\"q\"\" $quarry$ ;-- \\u002a/\" SET \"x; DROP TABLE y --\" = 'raw' WHERE id = 2");
    Oddity touched = oddities.findById(2).orElseThrow();
    assertEquals("raw", touched.value());
    assertTrue(touched.touched().isAfter(before), "the trigger, its body dollar-quoted around a name holding $quarry$, ran");
    assertEquals(4L, oddities.count());
  }
}
