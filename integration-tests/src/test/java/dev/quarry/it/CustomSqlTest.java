package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.IncorrectResultSizeException;
import dev.quarry.runtime.NotNullViolationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** @Sql runs as written (jsonb ? operators and friends), single-row contracts, batches. */
class CustomSqlTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static DocDao docs;

  @BeforeEach
  void fresh() {
    pg.sql("DROP TABLE IF EXISTS docs");
    pg.apply(DocSchema.statements());
    docs = new DocDao(pg.db());
  }

  private Doc doc(String title, String meta) {
    return docs.insert(new Doc(null, title, meta));
  }

  @Test
  void jsonbQuestionMarkOperatorsRunAsWritten() {
    Doc a = doc("alpha", "{\"a\": 1, \"n\": 3}");
    Doc b = doc("beta", "{\"b\": 2, \"n\": 1}");
    Doc ab = doc("what? :no", "{\"a\": 1, \"b\": 2, \"n\": 2}");
    assertEquals(List.of(a, ab), docs.withKey("a"));
    assertEquals(List.of(b, ab), docs.withKey("b"));
    assertEquals(List.of(a, b), docs.withAOrB(), "the literal 'what? :no' is compared, not bound");
    assertEquals(List.of(ab), docs.withAll(List.of("a", "b")));
    assertEquals(List.of(a.id(), ab.id()), docs.withNAbove(1));
    assertEquals(List.of(a.id()), docs.withNAbove(2));
  }

  @Test
  void literalsCommentsDollarQuotesCastsAndSlicesAreSentAsWritten() {
    Doc d = doc("first second", "{\"a\": 1}");
    String expected = "first second ?:true :x ? '?'' :y ?first second{first}{two}";
    assertEquals(Optional.of(expected), docs.label(d.id(), "one two three"));
  }

  @Test
  void optionalAndSingleRowsWithZeroOneAndTwoRows() {
    assertEquals(Optional.empty(), docs.byPrefix("x"));
    IncorrectResultSizeException none = assertThrows(IncorrectResultSizeException.class, () -> docs.oneByPrefix("x"));
    assertEquals(0, none.actual());
    assertTrue(none.getMessage().startsWith("DocDao.oneByPrefix "), none.getMessage());

    Doc x1 = doc("x1", "{}");
    assertEquals(Optional.of(x1), docs.byPrefix("x"));
    assertEquals(x1, docs.oneByPrefix("x"));

    doc("x2", "{}");
    IncorrectResultSizeException two = assertThrows(IncorrectResultSizeException.class, () -> docs.byPrefix("x"));
    assertEquals(1, two.expected());
    assertEquals(2, two.actual());
    assertTrue(two.getMessage().contains("DocDao.byPrefix"), two.getMessage());
    assertNull(two.sqlState());
    assertThrows(IncorrectResultSizeException.class, () -> docs.oneByPrefix("x"));
    assertEquals(2, docs.countByPrefix("x"), "a scalar R always has its one row");
  }

  @Test
  void aSingleRowDataChangeThatFindsTwoRowsChangesNothing() {
    doc("y1", "{}");
    doc("y2", "{}");
    assertThrows(IncorrectResultSizeException.class, () -> docs.deleteByPrefix("y"));
    assertEquals(2, docs.countByPrefix("y"), "the DELETE was rolled back");
    assertThrows(IncorrectResultSizeException.class, () -> pg.db().transaction(() -> {
      docs.deleteByPrefix("y");
    }), "inside a unit of work the exception rolls the unit back");
    assertEquals(2, docs.countByPrefix("y"));
    assertEquals("y1", docs.deleteByPrefix("y1").orElseThrow().title());
    assertEquals(1, docs.countByPrefix("y"));
  }

  @Test
  void aBatchOfTenThousandUpdatesIsOneUnitAndReturnsEachCount() {
    List<Doc> rows = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      rows.add(new Doc(null, "t" + i, i % 2 == 0 ? "{\"a\": 1}" : "{}"));
    }
    docs.insertAll(rows);
    List<Doc> stored = new ArrayList<>();
    long base = (Long) pg.value("SELECT min(id) FROM docs");
    for (int i = 0; i < 10_000; i++) {
      stored.add(new Doc(base + i, "renamed" + i, "{}"));
    }
    stored.add(new Doc(-1L, "nobody", "{}"));
    int[] counts = docs.retitle(stored);
    assertEquals(10_001, counts.length);
    assertTrue(Arrays.stream(counts, 0, 10_000).allMatch(c -> c == 1), Arrays.toString(Arrays.copyOf(counts, 10)));
    assertEquals(0, counts[10_000], "the element that matched nothing says so");
    assertEquals(10_000L, pg.value("SELECT count(*) FROM docs WHERE title LIKE 'renamed%'"));

    int[] marked = docs.retitleMarked(stored.subList(0, 4), "!");
    assertArrayEquals(new int[] {1, 0, 1, 0}, marked, "component values and the shared parameter both bind");
    assertEquals("renamed0!", pg.value("SELECT title FROM docs WHERE id = " + base));
  }

  @Test
  void aFailingElementRollsTheWholeBatchBack() {
    Doc a = doc("a", "{}");
    Doc b = doc("b", "{}");
    List<Doc> batch = List.of(new Doc(a.id(), "changed", "{}"), new Doc(b.id(), null, "{}"));
    NotNullViolationException e = assertThrows(NotNullViolationException.class, () -> docs.retitle(batch));
    assertTrue(e.getMessage().startsWith("DocDao.retitle "), e.getMessage());
    assertEquals("a", docs.findById(a.id()).orElseThrow().title(), "the first element was undone too");

    assertThrows(NullPointerException.class, () -> docs.retitle(Arrays.asList(a, null)));
    assertArrayEquals(new int[0], docs.retitle(List.of()));

    docs.insertEach(List.of(new Doc(null, "i1", "{\"a\": 1}"), new Doc(null, "i2", "{}")));
    assertEquals(2, docs.countByPrefix("i"));
  }
}
