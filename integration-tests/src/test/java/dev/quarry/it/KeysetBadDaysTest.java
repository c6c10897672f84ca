package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.Cursor;
import dev.quarry.runtime.Slice;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Keyset pages whose sort keys are far longer than a cursor may be, and slices that come back empty. */
class KeysetBadDaysTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static final String[] SCRIPTS = {"x", "Ж", "語", "😀", "é"};
  HeadlineDao headlines;
  long seed;

  @BeforeEach
  void rows() {
    pg.sql("DROP TABLE IF EXISTS headlines");
    pg.apply(HeadlineSchema.statements());
    headlines = new HeadlineDao(pg.db());
    seed = System.nanoTime();
    Random random = new Random(seed);
    List<Headline> rows = new ArrayList<>();
    for (long id = 1; id <= 60; id++) {
      String grp = random.nextBoolean() ? "a" : "b";
      String name;
      switch ((int) (id % 4)) {
        case 0 -> name = "short " + id;
        case 1 -> name = randomText(random, 300 + random.nextInt(1500)); // differs early
        case 2 -> name = SCRIPTS[random.nextInt(SCRIPTS.length)].repeat(800) + id; // shares a long prefix
        default -> name = "same title ".repeat(100); // ties on a long name, broken by id
      }
      rows.add(new Headline(id, grp, name));
    }
    headlines.insertAll(rows);
  }

  static String randomText(Random random, int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      String script = SCRIPTS[random.nextInt(SCRIPTS.length)];
      s.append(script.equals("x") ? (char) ('a' + random.nextInt(26)) : script);
    }
    return s.toString();
  }

  /** The ids in keyset order, as PostgreSQL sorts them. */
  static List<Long> expected() {
    return pg.db().withConnection(c -> {
      List<Long> ids = new ArrayList<>();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT id FROM headlines ORDER BY grp DESC, name DESC, id DESC")) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      return ids;
    });
  }

  static List<Long> ids(Slice<Headline> slice) {
    return slice.items().stream().map(Headline::id).toList();
  }

  static void assertBounded(Slice<Headline> slice) {
    for (Cursor c : List.of(slice.next(), slice.previous()).stream().flatMap(java.util.Optional::stream).toList()) {
      assertTrue(c.token().length() <= Cursor.MAX_TOKEN_LENGTH, c.token().length() + " characters");
      assertTrue(c.token().matches("[A-Za-z0-9_-]+"), "URL-safe: " + c.token());
      assertEquals(c, Cursor.parse(c.token()));
    }
  }

  @Test
  void everyRowCanBeAPageBoundaryForwardAndBack() {
    List<Long> expected = expected();
    for (int size : new int[] {1, 3}) {
      List<Long> seen = new ArrayList<>();
      Slice<Headline> slice = headlines.firstSlice(size);
      assertBounded(slice);
      seen.addAll(ids(slice));
      while (slice.next().isPresent()) {
        slice = headlines.sliceAfter(Cursor.parse(slice.next().get().token()), size);
        assertBounded(slice);
        seen.addAll(ids(slice));
      }
      assertEquals(expected, seen, "seed " + seed + ", forward by " + size);
      List<Long> back = new ArrayList<>(ids(slice));
      while (slice.previous().isPresent()) {
        slice = headlines.sliceBefore(slice.previous().get(), size);
        assertBounded(slice);
        back.addAll(0, ids(slice));
      }
      assertEquals(expected, back, "seed " + seed + ", backward by " + size);
    }
  }

  @Test
  void aBoundaryRowDeletedSinceStillPagesRight() {
    List<Long> order = expected();
    // Boundaries of every kind: short names, long names that differ early, long names sharing
    // 800 characters with their neighbours, and long names that tie.
    for (int at = 1; at + 2 < order.size(); at += 4) {
      Slice<Headline> slice = headlines.firstSlice(at + 1);
      long boundary = slice.items().get(at).id();
      Cursor next = slice.next().orElseThrow();
      Headline row = headlines.findById(boundary).orElseThrow();
      headlines.delete(boundary);
      List<Long> remaining = new ArrayList<>(order);
      remaining.remove(boundary);
      int from = order.indexOf(boundary);
      assertEquals(remaining.subList(from, Math.min(from + 2, remaining.size())), ids(headlines.sliceAfter(next, 2)),
          "seed " + seed + ", boundary " + boundary + " deleted");
      headlines.insert(row);
    }
  }

  @Test
  void anEmptySliceStillDescribesItsPosition() {
    List<Long> order = expected();
    Slice<Headline> first = headlines.firstSlice(3);
    for (Long id : order.subList(3, order.size())) {
      headlines.delete(id);
    }
    Slice<Headline> empty = headlines.sliceAfter(first.next().orElseThrow(), 3);
    assertEquals(List.of(), empty.items());
    assertFalse(empty.next().isPresent(), "nothing follows");
    assertTrue(empty.previous().isPresent(), "three rows precede the position");
    assertEquals(order.subList(0, 3), ids(headlines.sliceBefore(empty.previous().get(), 3)));
    assertEquals(order.subList(1, 3), ids(headlines.sliceBefore(empty.previous().get(), 2)));

    // And from the other side: everything before a backward position gone.
    Slice<Headline> back = headlines.sliceBefore(empty.previous().get(), 1); // the third row
    for (Long id : order.subList(0, 2)) {
      headlines.delete(id);
    }
    Slice<Headline> none = headlines.sliceBefore(back.previous().orElseThrow(), 5);
    assertEquals(List.of(), none.items());
    assertFalse(none.previous().isPresent());
    assertTrue(none.next().isPresent(), "the third row follows the position");
    assertEquals(List.of(order.get(2)), ids(headlines.sliceAfter(none.next().get(), 5)));

    headlines.delete(order.get(2));
    Slice<Headline> nothing = headlines.sliceAfter(first.next().orElseThrow(), 3);
    assertEquals(List.of(), nothing.items());
    assertFalse(nothing.previous().isPresent(), "no rows at all: no way back either");
    assertFalse(nothing.next().isPresent());
  }
}
