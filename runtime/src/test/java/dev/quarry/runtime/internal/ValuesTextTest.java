package dev.quarry.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The text forms of time values that travel to PostgreSQL: PostgreSQL's own digits, in any locale. */
class ValuesTextTest {
  @Test
  void timestampsKeepPostgresqlsForm() {
    assertEquals("2026-01-01 00:00:00+00", Values.timestamptzText(Instant.parse("2026-01-01T00:00:00Z")));
    assertEquals("2026-03-05 07:08:09.000120+00", Values.timestamptzText(Instant.parse("2026-03-05T07:08:09.00012Z")));
    assertEquals("0045-03-15 12:00:00+00 BC", Values.timestamptzText(LocalDateTime.of(-44, 3, 15, 12, 0).toInstant(ZoneOffset.UTC)));
    assertEquals("294276-12-31 23:59:59.999999", Values.timestampText(LocalDateTime.of(294276, 12, 31, 23, 59, 59, 999_999_000)));
    assertEquals("0001-01-01 BC", Values.dateText(LocalDate.of(0, 1, 1)));
    assertEquals("24:00:00", Values.timeText(LocalTime.MAX));
    assertEquals("00:00:00", Values.timeText(LocalTime.MIDNIGHT));
    assertEquals("infinity", Values.timestamptzText(Instant.MAX));
  }

  @Test
  void digitsAreTheSameAsFormattingInTheRootLocaleWhateverTheDefaultLocale() {
    Locale before = Locale.getDefault();
    // A locale whose Formatter digits are not ASCII: the text must not follow it.
    Locale.setDefault(Locale.forLanguageTag("ar-SA-u-nu-arab"));
    try {
      Random random = new Random(15);
      for (int i = 0; i < 10_000; i++) {
        LocalDateTime t = LocalDateTime.of(random.nextInt(12_000) - 2_000, 1 + random.nextInt(12), 1 + random.nextInt(28),
            random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(1_000_000) * 1000 * (i % 2));
        int year = t.getYear() <= 0 ? 1 - t.getYear() : t.getYear();
        String expected = String.format(Locale.ROOT, "%04d-%02d-%02d %02d:%02d:%02d", year, t.getMonthValue(),
            t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond())
            + (t.getNano() == 0 ? "" : String.format(Locale.ROOT, ".%06d", t.getNano() / 1000));
        assertEquals(expected, Values.timestampText(t), t.toString());
      }
    } finally {
      Locale.setDefault(before);
    }
  }
}
