package dev.quarry.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.quarry.runtime.internal.CursorCodec;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A seeded random harness over the cursor decoder: whatever a client sends, the only failure is
 * {@link InvalidCursorException}, and no altered token decodes. Bounded in time; the seed is
 * printed so a failure can be replayed.
 */
class CursorFuzzTest {
  private static final String KEYSET = "documents(created_at DESC, id DESC)";
  private static final long BUDGET_NANOS = 2_000_000_000L;

  static Cursor cursor(Instant at, long id) {
    return CursorCodec.writer(KEYSET).timestamptz(at).int8(id).build();
  }

  @Test
  void valuesRoundTripExactly() {
    Cursor c = CursorCodec.writer("t(a, b, c, d, e)").timestamptz(Instant.parse("2026-01-02T03:04:05.123456Z"))
        .uuid(new UUID(-1, 42)).text("ünï \"quoted\" \u0001").numeric(new BigDecimal("-12.3400")).date(LocalDate.MIN)
        .build();
    CursorCodec.Reader r = CursorCodec.reader(Cursor.parse(c.token()), "t(a, b, c, d, e)");
    assertEquals(Instant.parse("2026-01-02T03:04:05.123456Z"), r.timestamptz());
    assertEquals(new UUID(-1, 42), r.uuid());
    assertEquals("ünï \"quoted\" \u0001", r.text());
    assertEquals(new BigDecimal("-12.3400"), r.numeric());
    assertEquals(LocalDate.MIN, r.date());
    r.end();
  }

  @Test
  void aCursorForAnotherListIsRefused() {
    Cursor c = cursor(Instant.EPOCH, 1);
    assertThrows(InvalidCursorException.class, () -> CursorCodec.reader(c, "documents(created_at ASC, id ASC)"));
    assertThrows(InvalidCursorException.class, () -> CursorCodec.reader(c, "invoices(created_at DESC, id DESC)"));
  }

  @Test
  void randomInputAndMutationsOnlyEverFailAsInvalidCursor() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    String valid = cursor(Instant.parse("2026-05-05T05:05:05.555555Z"), 12345).token();
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ \n%\u00e9";
    long deadline = System.nanoTime() + BUDGET_NANOS;
    int runs = 0;
    while (System.nanoTime() < deadline) {
      runs++;
      String input;
      switch (random.nextInt(5)) {
        case 0 -> { // random text
          StringBuilder b = new StringBuilder();
          for (int i = random.nextInt(80); i > 0; i--) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
          }
          input = b.toString();
        }
        case 1 -> { // one character changed
          char[] chars = valid.toCharArray();
          int at = random.nextInt(chars.length);
          char replacement = alphabet.charAt(random.nextInt(64));
          if (chars[at] == replacement) {
            continue;
          }
          chars[at] = replacement;
          input = new String(chars);
        }
        case 2 -> input = valid.substring(0, random.nextInt(valid.length())); // truncated
        case 3 -> input = valid + alphabet.charAt(random.nextInt(64)); // extended
        default -> { // a well-formed token over random bytes: right shape, wrong tag
          byte[] bytes = new byte[1 + random.nextInt(60)];
          random.nextBytes(bytes);
          input = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
      }
      try {
        Cursor c = Cursor.parse(input);
        CursorCodec.Reader r = CursorCodec.reader(c, KEYSET);
        r.timestamptz();
        r.int8();
        r.end();
        fail("seed " + seed + ": an altered token decoded: " + input);
      } catch (InvalidCursorException expected) {
        // the one allowed outcome
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + ": " + e + " for input " + input, e);
      }
    }
    System.out.println("cursor fuzz: " + runs + " inputs, seed " + seed);
  }
}
