package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.it.AllTypesQueries.Primitives;
import dev.quarry.runtime.QuarryException;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * pgjdbc reads a NULL as 0 or false. A primitive component that received one would hold a value
 * nobody stored, so every generated reader refuses it (SQLSTATE 22004) and names the component
 * and the column; a stored 0, -0.0 or false reads as itself. Each primitive type, through a
 * {@code CASE} that yields NULL, a {@code LEFT JOIN} that finds nothing, an aggregate over no
 * rows, and a table column made nullable after compilation.
 */
class NullIntoPrimitiveTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static AllTypesDao dao;

  /** Ids of the random rows: above every other test's rows, so that {@code largestBigFrom} sees only them. */
  static final long FIRST_RANDOM = 100_000;

  static final List<String> COLUMNS = List.of("flag", "small", "number", "big", "real", "precise");

  @BeforeAll
  static void schema() {
    pg.apply(AllTypesSchema.statements());
    dao = new AllTypesDao(pg.db());
  }

  /** Row {@code id} of {@link TypesTest#full} with the given primitive values. */
  static AllTypes with(long id, boolean flag, short small, int number, long big, float real, double precise) {
    AllTypes f = TypesTest.full(id);
    return new AllTypes(id, flag, small, number, big, real, precise, f.amount(), f.text(), f.uuid(), f.instant(),
        f.offsetDateTime(), f.localDateTime(), f.localDate(), f.localTime(), f.bytes(), f.color(), f.json(),
        f.maybeFlag(), f.maybeSmall(), f.maybeNumber(), f.maybeBig(), f.maybeReal(), f.maybePrecise(), f.maybeAmount(),
        f.maybeText(), f.maybeUuid(), f.maybeInstant(), f.maybeLocalDate(), f.maybeBytes(), f.maybeColor());
  }

  @Test
  void storedZerosAndRandomValuesReadAsThemselvesOnEveryPath() {
    Random random = new Random(22004);
    long largest = Long.MIN_VALUE;
    for (long id = FIRST_RANDOM; id < FIRST_RANDOM + 200; id++) {
      AllTypes row = id == FIRST_RANDOM ? with(id, false, (short) 0, 0, 0L, 0f, 0d)
          : id == FIRST_RANDOM + 1 ? with(id, false, (short) 0, 0, 0L, -0f, -0d)
          : with(id, random.nextBoolean(), (short) (random.nextInt(5) - 2), random.nextInt(5) - 2, random.nextInt(5) - 2L,
              random.nextInt(3) - 1f, random.nextInt(3) - 1d);
      dao.insert(row);
      largest = Math.max(largest, row.big());
      Primitives expected = new Primitives(row.flag(), row.small(), row.number(), row.big(), row.real(), row.precise());
      AllTypes read = dao.findById(id).orElseThrow();
      assertEquals(expected, new Primitives(read.flag(), read.small(), read.number(), read.big(), read.real(), read.precise()));
      assertEquals(expected, dao.primitivesOf(id));
      assertEquals(expected, dao.withNull(id, "none").orElseThrow());
    }
    // -0.0 keeps its sign (record equality compares floats bit for bit, so the line above checks it too)
    assertEquals(Double.doubleToRawLongBits(-0d), Double.doubleToRawLongBits(dao.primitivesOf(FIRST_RANDOM + 1).precise()));
    assertEquals(largest, dao.largestBigFrom(FIRST_RANDOM));
  }

  @Test
  void aNullInAnyPrimitiveColumnIsRefusedNamingTheComponentAndTheColumn() {
    dao.insert(with(1_000, false, (short) 0, 0, 0L, 0f, 0d));
    List<String> components = List.of("flag", "small", "number", "big", "real", "precise");
    for (int i = 0; i < COLUMNS.size(); i++) {
      String column = COLUMNS.get(i);
      QuarryException e = assertThrows(QuarryException.class, () -> dao.withNull(1_000, column));
      assertRefused(e, "Primitives." + components.get(i), column);
    }
  }

  @Test
  void aLeftJoinThatFindsNoRowIsRefused() {
    assertRefused(assertThrows(QuarryException.class, () -> dao.primitivesOf(-1)), "Primitives.flag", "flag");
  }

  @Test
  void anAggregateOverNoRowsIsRefused() {
    assertRefused(assertThrows(QuarryException.class, () -> dao.largestBigFrom(Long.MAX_VALUE)),
        "AllTypesQueries.largestBigFrom()", "max");
  }

  @Test
  void aTableColumnMadeNullableAfterCompilationIsRefused() {
    dao.insert(with(2_000, true, (short) 1, 1, 1L, 1f, 1d));
    pg.sql("ALTER TABLE all_types ALTER COLUMN number DROP NOT NULL");
    pg.sql("UPDATE all_types SET number = NULL WHERE id = 2000");
    try {
      Supplier<AllTypes> find = () -> dao.findById(2_000L).orElseThrow();
      assertRefused(assertThrows(QuarryException.class, find::get), "AllTypes.number", "number");
    } finally {
      pg.sql("DELETE FROM all_types WHERE id = 2000");
      pg.sql("ALTER TABLE all_types ALTER COLUMN number SET NOT NULL");
    }
  }

  @Test
  void aDataChangingListWhoseRowsCannotBeReadChangesNothing() {
    for (long id = 3_000; id < 3_010; id++) {
      dao.insert(with(id, true, (short) 1, 100, 1L, 1f, 1d));
    }
    assertRefused(assertThrows(QuarryException.class, () -> dao.bumpNumbers(3_000, 3_009, 3_005)), "Primitives.number",
        "number");
    assertEquals(10L, pg.value("SELECT count(*) FROM all_types WHERE id BETWEEN 3000 AND 3009 AND number = 100"),
        "the UPDATE ... RETURNING is rolled back with the failure, not committed before it");
    assertEquals(10, dao.bumpNumbers(3_000, 3_009, -1).size());
    assertEquals(10L, pg.value("SELECT count(*) FROM all_types WHERE id BETWEEN 3000 AND 3009 AND number = 101"));
  }

  @Test
  void aCaughtFailureOfADataChangingListFailsTheEnclosingUnit() {
    for (long id = 5_000; id < 5_003; id++) {
      dao.insert(with(id, true, (short) 1, 100, 1L, 1f, 1d));
    }
    QuarryException unit = assertThrows(QuarryException.class, () -> pg.db().transaction(() -> {
      dao.insert(with(5_010, true, (short) 1, 100, 1L, 1f, 1d));
      try {
        dao.bumpNumbers(5_000, 5_002, 5_001);
      } catch (QuarryException caught) {
        // an application that carries on: the unit must not report success for what it threw away
      }
    }));
    assertEquals("25P02", unit.sqlState(), unit.getMessage());
    assertEquals(0L, pg.value("SELECT count(*) FROM all_types WHERE id = 5010"), "the unit's own write is rolled back");
    assertEquals(3L, pg.value("SELECT count(*) FROM all_types WHERE id BETWEEN 5000 AND 5002 AND number = 100"));
  }

  @Test
  void aCaughtFailureOfADataChangingStreamFailsTheEnclosingUnit() {
    for (long id = 7_000; id < 7_003; id++) {
      dao.insert(with(id, true, (short) 1, 100, 1L, 1f, 1d));
    }
    QuarryException unit = assertThrows(QuarryException.class, () -> pg.db().transaction(() -> {
      dao.insert(with(7_010, true, (short) 1, 100, 1L, 1f, 1d));
      try (var rows = dao.bumpNumbersStreamed(7_000, 7_002, 7_001)) {
        rows.toList();
      } catch (QuarryException caught) {
        // an application that carries on: the unit must not commit the UPDATE its caller was told failed
      }
    }));
    assertEquals("25P02", unit.sqlState(), unit.getMessage());
    assertEquals(0L, pg.value("SELECT count(*) FROM all_types WHERE id = 7010"));
    assertEquals(3L, pg.value("SELECT count(*) FROM all_types WHERE id BETWEEN 7000 AND 7002 AND number = 100"));
    // outside a unit, the stream's own transaction rolls back
    assertThrows(QuarryException.class, () -> {
      try (var rows = dao.bumpNumbersStreamed(7_000, 7_002, 7_001)) {
        rows.toList();
      }
    });
    assertEquals(3L, pg.value("SELECT count(*) FROM all_types WHERE id BETWEEN 7000 AND 7002 AND number = 100"));
  }

  @Test
  void aCaughtFailureOfAPlainQueryLeavesTheUnitToCommit() {
    pg.db().transaction(() -> {
      dao.insert(with(6_000, true, (short) 1, 1, 1L, 1f, 1d));
      assertThrows(QuarryException.class, () -> dao.primitivesOf(-1)); // a SELECT: nothing changed
    });
    assertEquals(1L, pg.value("SELECT count(*) FROM all_types WHERE id = 6000"));
  }

  @Test
  void aSingleValueThatIsNullIsRefusedWhereTheReturnTypeCannotSayNone() {
    QuarryException e = assertThrows(QuarryException.class, () -> dao.largestTextFrom(Long.MAX_VALUE));
    assertEquals("22004", e.sqlState(), e.getMessage());
    assertTrue(e.getMessage().contains("largestTextFrom returns a value that cannot be null"), e.getMessage());
  }

  @Test
  void anOptionalSingleValueThatIsNullIsEmpty() {
    assertEquals(java.util.Optional.empty(), dao.largestBigIfAny(Long.MAX_VALUE));
    dao.insert(with(4_000, true, (short) 1, 1, 77L, 1f, 1d));
    assertEquals(java.util.Optional.of(77L), dao.largestBigIfAny(4_000));
  }

  private static void assertRefused(QuarryException e, String component, String column) {
    assertEquals("22004", e.sqlState(), e.getMessage());
    assertTrue(e.getMessage().contains(component + " is of type "), e.getMessage());
    assertTrue(e.getMessage().contains("column " + column + " is NULL"), e.getMessage());
  }
}
