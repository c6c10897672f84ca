package dev.quarry.runtime.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads PostgreSQL's text of a {@code date}, {@code timestamp} or {@code timestamptz} (DateStyle
 * ISO, which pgjdbc sets): {@code 0001-02-29 12:00:00.5+05:30 BC}. Year N BC is ISO year 1 - N.
 *
 * <p>Used only where pgjdbc 42.7 cannot read a value in text form: it makes the date of the year
 * as printed before applying BC, so a February 29 of a BC leap year (1 BC, 5 BC ... ISO years 0,
 * -4 ...) throws a {@code DateTimeException}. Results come as text on the first executions of a
 * statement, in simple query mode and with {@code binaryTransfer=false}.
 */
final class TimeTexts {
  private TimeTexts() {}

  static LocalDate date(String text) {
    boolean bc = text.endsWith(" BC");
    String s = bc ? text.substring(0, text.length() - 3) : text;
    int d1 = s.indexOf('-');
    int d2 = s.indexOf('-', d1 + 1);
    int year = Integer.parseInt(s.substring(0, d1));
    return LocalDate.of(bc ? 1 - year : year, Integer.parseInt(s.substring(d1 + 1, d2)),
        Integer.parseInt(s.substring(d2 + 1, d2 + 3)));
  }

  static LocalDateTime timestamp(String text) {
    return LocalDateTime.of(date(dateOf(text)), time(timeOf(text)));
  }

  /**
   * The instant, in UTC as pgjdbc gives it, whatever the session's time zone printed. A
   * {@code timestamp} without time zone read as an instant (which Quarry allows) has no offset
   * and is taken as UTC, as pgjdbc takes it.
   */
  static OffsetDateTime timestamptz(String text) {
    String time = timeOf(text);
    int sign = Math.max(time.lastIndexOf('+'), time.lastIndexOf('-'));
    if (sign < 0) {
      return OffsetDateTime.of(timestamp(text), ZoneOffset.UTC);
    }
    String[] offset = time.substring(sign + 1).split(":");
    int factor = time.charAt(sign) == '-' ? -1 : 1;
    ZoneOffset zone = ZoneOffset.ofHoursMinutesSeconds(factor * Integer.parseInt(offset[0]),
        offset.length > 1 ? factor * Integer.parseInt(offset[1]) : 0,
        offset.length > 2 ? factor * Integer.parseInt(offset[2]) : 0);
    return OffsetDateTime.of(date(dateOf(text)), time(time.substring(0, sign)), zone)
        .withOffsetSameInstant(ZoneOffset.UTC);
  }

  /** {@code 0001-02-29 BC} of {@code 0001-02-29 12:00:00+00 BC}. */
  private static String dateOf(String text) {
    String date = text.substring(0, text.indexOf(' '));
    return text.endsWith(" BC") ? date + " BC" : date;
  }

  /** {@code 12:00:00+00} of {@code 0001-02-29 12:00:00+00 BC}. */
  private static String timeOf(String text) {
    int start = text.indexOf(' ') + 1;
    return text.substring(start, text.endsWith(" BC") ? text.length() - 3 : text.length());
  }

  /** {@code 12:00:00.5}: whole seconds, then up to six fractional digits. */
  private static LocalTime time(String s) {
    int dot = s.indexOf('.');
    int nanos = 0;
    if (dot >= 0) {
      String fraction = (s.substring(dot + 1) + "000000000").substring(0, 9);
      nanos = Integer.parseInt(fraction);
      s = s.substring(0, dot);
    }
    return LocalTime.of(Integer.parseInt(s.substring(0, 2)), Integer.parseInt(s.substring(3, 5)),
        Integer.parseInt(s.substring(6, 8)), nanos);
  }
}
