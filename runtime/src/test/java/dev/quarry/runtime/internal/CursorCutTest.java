package dev.quarry.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.Cursor;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Cursors stay bounded and URL-safe whatever the key, and a cut value reads back as a true prefix. */
class CursorCutTest {
  static final String KEYSET = "t(grp DESC, name DESC, id DESC)";
  static final int[][] SCRIPTS = {{'a', 26}, {0x0416, 32}, {0x8A9E, 500}, {0x1F600, 80}, {0x00E9, 1}};

  static String text(Random random, int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int[] script = SCRIPTS[random.nextInt(SCRIPTS.length)];
      s.appendCodePoint(script[0] + random.nextInt(script[1]));
    }
    return s.toString();
  }

  @Test
  void anyKeyMakesABoundedTokenAndCutValuesArePrefixes() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int run = 0; run < 2_000; run++) {
      String grp = text(random, random.nextInt(random.nextBoolean() ? 20 : 3_000));
      String name = text(random, random.nextInt(random.nextBoolean() ? 50 : 5_000));
      long id = random.nextLong();
      Cursor c = CursorCodec.writer(KEYSET).text(grp).text(name).int8(id).build();
      String where = "seed " + seed + ", run " + run;
      assertTrue(c.token().length() <= Cursor.MAX_TOKEN_LENGTH, where);
      assertTrue(c.token().matches("[A-Za-z0-9_-]+"), where);
      CursorCodec.Reader key = CursorCodec.reader(Cursor.parse(c.token()), KEYSET);
      String g = key.text();
      String n = key.text();
      assertEquals(id, key.int8(), where);
      key.end();
      assertTrue(grp.startsWith(g) && name.startsWith(n), where);
      assertEquals(!(g.equals(grp) && n.equals(name)), key.truncated(), where);
      assertFalse(key.inclusive());
      Cursor flipped = CursorCodec.flip(c);
      assertTrue(CursorCodec.reader(flipped, KEYSET).inclusive(), where);
      assertTrue(CursorCodec.sameKey(c, flipped), where);
      assertEquals(c, CursorCodec.flip(flipped), where);
    }
  }

  @Test
  void aCutValueSeeksFromABoundThatSkipsNoRowSharingItsPrefix() {
    String name = "x".repeat(2_000) + "tail";
    Cursor c = CursorCodec.writer(KEYSET).text("g").text(name).int8(7).build();
    CursorCodec.Reader less = CursorCodec.reader(c, KEYSET, true);
    less.text();
    String upper = less.text();
    assertTrue(upper.compareTo(name) > 0, "every value sharing the prefix sorts below the bound");
    CursorCodec.Reader greater = CursorCodec.reader(c, KEYSET, false);
    greater.text();
    String lower = greater.text();
    assertTrue(lower.compareTo(name) < 0 && name.startsWith(lower));
  }

  @Test
  void theRowBeyondTravelsOnlyWhenValuesAreCut() {
    Cursor small = CursorCodec.writer(KEYSET).text("g").text("short").int8(1).beyond().int8(2).build();
    assertFalse(CursorCodec.reader(small, KEYSET).beyond());
    Cursor cut = CursorCodec.writer(KEYSET).text("g").text("y".repeat(3_000)).int8(1).beyond().int8(2).build();
    CursorCodec.Reader key = CursorCodec.reader(cut, KEYSET);
    assertTrue(key.truncated() && key.beyond());
    key.text();
    key.text();
    assertEquals(1, key.int8());
    assertEquals(2, key.int8());
    key.end();
  }
}
