package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.DataException;
import dev.quarry.runtime.QuarryException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A value written to a {@code varchar(n)} column ({@code Slot.code} is {@code varchar(5)}) is
 * never cut: PostgreSQL cuts excess characters that are all spaces, so Quarry refuses those as
 * PostgreSQL refuses any other too long value, with 22001, on every write path. A lookup with a
 * too long value is not a write: it finds nothing, as PostgreSQL says.
 */
class VarcharLengthTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static SlotDao slots;

  @BeforeAll
  static void schema() {
    pg.apply(SlotSchema.statements());
    slots = new SlotDao(pg.db());
  }

  @Test
  void excessSpacesAreRefusedOnEveryWritePath() {
    slots.insert(new Slot(1, 1, "abcde", "kept"));
    for (String tooLong : List.of("abcde ", "abcde     ", "abcdef", "abcd\u00e9 ")) {
      Slot row = new Slot(2, 2, tooLong, "x");
      List<Supplier<Object>> paths = List.of(() -> slots.insert(row), () -> slots.upsert(row),
          () -> slots.upsertByTenantAndCode(row), () -> slots.insertAll(List.of(row)), () -> slots.upsertAll(List.of(row)),
          () -> slots.insertAllReturning(List.of(row)), () -> slots.update(new Slot(1, 1, tooLong, "kept")));
      for (Supplier<Object> path : paths) {
        DataException e = assertThrows(DataException.class, path::get);
        assertEquals("22001", e.sqlState(), e.getMessage());
        assertTrue(e.getMessage().contains("Slot.code: value too long for type character varying(5)"), e.getMessage());
        assertFalse(e.getMessage().contains(tooLong.trim()), "the value is not in the message: " + e.getMessage());
      }
    }
    assertEquals(0L, pg.value("SELECT count(*) FROM slots WHERE tenant = 2"));
    assertEquals("abcde", slots.findById(1L).orElseThrow().code());
  }

  @Test
  void fiveCharactersOfAnyWidthAreStoredAsGiven() {
    for (String five : List.of("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", "e\u0301e\u0301e", "    ",
        "a\tb  ")) {
      long id = 100 + five.hashCode() % 50;
      slots.insert(new Slot(id, 100, five, "w"));
      assertEquals(five, slots.findById(id).orElseThrow().code());
      slots.delete(id);
    }
  }

  @Test
  void aLookupWithATooLongValueFindsNothingAndLeavesTheUnitAlone() {
    slots.insert(new Slot(10, 10, "abc", "l"));
    assertEquals(Optional.empty(), slots.findByTenantAndCode(10, "abc   "));
    assertFalse(slots.existsByTenantAndCode(10, "abcdefgh"));
    pg.db().transaction(() -> {
      slots.insert(new Slot(11, 10, "abd", "l"));
      assertFalse(slots.existsByTenantAndCode(10, "abd   "));
    });
    assertTrue(slots.existsByTenantAndCode(10, "abd"));
  }

  @Test
  void aCaughtRefusalEndsTheUnitAsPostgresqlsOwnWould() {
    QuarryException unit = assertThrows(QuarryException.class, () -> pg.db().transaction(() -> {
      slots.insert(new Slot(20, 20, "ok", "l"));
      try {
        slots.insert(new Slot(21, 20, "abcde ", "l"));
      } catch (DataException caught) {
        // carries on: the unit must not commit as if the refused insert had not been asked for
      }
    }));
    assertEquals("25P02", unit.sqlState());
    assertFalse(slots.existsByTenantAndCode(20, "ok"));
  }
}
