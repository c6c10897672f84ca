package dev.quarry.runtime.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The one place that decides what PostgreSQL will store for a Java value, shared by every write
 * path (bound parameters, binary COPY, {@code unnest} arrays), so that no two paths can store
 * different values for the same input.
 *
 * <p>Each method returns the value exactly as it will be stored, or throws
 * {@link IllegalArgumentException} naming the component when PostgreSQL cannot hold it. The rules:
 * <ul>
 *   <li>time values are rounded to whole microseconds, PostgreSQL's resolution, half up (a value
 *       exactly between two microseconds goes to the later one), in Java, so the server never
 *       rounds (its own text input rounds by floating point and disagrees);
 *   <li>{@code Instant.MAX}/{@code MIN}, {@code OffsetDateTime.MAX}/{@code MIN},
 *       {@code LocalDateTime.MAX}/{@code MIN} and {@code LocalDate.MAX}/{@code MIN} stand for
 *       {@code infinity}/{@code -infinity}, and read back as themselves;
 *   <li>any other value outside PostgreSQL's range (timestamps 4714-11-24 BC to 294276-12-31,
 *       dates 4714-11-24 BC to 5874897-12-31) is refused, never wrapped or clamped;
 *   <li>a {@code LocalTime} that rounds up past 23:59:59.999999 is {@code 24:00:00}, which
 *       PostgreSQL's {@code time} holds and which reads back as {@code LocalTime.MAX};
 *   <li>text is refused when it holds {@code NUL} (which {@code text} cannot hold) or a lone
 *       UTF-16 surrogate (which has no UTF-8 form and would be stored as {@code ?});
 *   <li>a {@code BigDecimal} is refused past {@code numeric}'s limits (131072 digits before the
 *       point, 16383 after).
 * </ul>
 * See "Date/Time Types" and "Numeric Types" in the PostgreSQL documentation.
 */
public final class Values {
  /** 4714-11-24 00:00:00 BC (Julian day 0), the first instant PostgreSQL's timestamps hold. */
  public static final LocalDateTime MIN_TIMESTAMP = LocalDateTime.of(-4713, 11, 24, 0, 0);
  /** 294276-12-31 23:59:59.999999, the last one. */
  public static final LocalDateTime MAX_TIMESTAMP = LocalDateTime.of(294276, 12, 31, 23, 59, 59, 999_999_000);
  public static final LocalDate MIN_DATE = LocalDate.of(-4713, 11, 24);
  public static final LocalDate MAX_DATE = LocalDate.of(5874897, 12, 31);
  private static final Instant MIN_INSTANT = MIN_TIMESTAMP.toInstant(ZoneOffset.UTC);
  private static final Instant MAX_INSTANT = MAX_TIMESTAMP.toInstant(ZoneOffset.UTC);
  private static final int MAX_NUMERIC_SCALE = 16383;
  private static final int MAX_NUMERIC_INTEGER_DIGITS = 131072;

  private Values() {}

  /** An {@code Instant} as a {@code timestamptz} stores it. */
  public static Instant instant(Instant v, String component) {
    if (v == null || v.equals(Instant.MAX) || v.equals(Instant.MIN)) {
      return v;
    }
    if (v.isBefore(MIN_INSTANT) || v.isAfter(MAX_INSTANT.plusSeconds(1))) {
      throw outOfRange(component, "timestamptz", "Instant");
    }
    int rest = v.getNano() % 1000;
    Instant rounded = rest == 0 ? v : rest >= 500 ? v.plusNanos(1000 - rest) : v.minusNanos(rest);
    if (rounded.isAfter(MAX_INSTANT)) {
      throw outOfRange(component, "timestamptz", "Instant");
    }
    return rounded;
  }

  /** An {@code OffsetDateTime} as a {@code timestamptz} stores it: the instant, in UTC. */
  public static OffsetDateTime offsetDateTime(OffsetDateTime v, String component) {
    if (v == null || v.equals(OffsetDateTime.MAX) || v.equals(OffsetDateTime.MIN)) {
      return v;
    }
    Instant rounded;
    try {
      rounded = instant(v.toInstant(), component);
    } catch (IllegalArgumentException e) {
      throw outOfRange(component, "timestamptz", "OffsetDateTime");
    }
    return OffsetDateTime.ofInstant(rounded, ZoneOffset.UTC);
  }

  /** A {@code LocalDateTime} as a {@code timestamp} stores it. */
  public static LocalDateTime localDateTime(LocalDateTime v, String component) {
    if (v == null || v.equals(LocalDateTime.MAX) || v.equals(LocalDateTime.MIN)) {
      return v;
    }
    if (v.isBefore(MIN_TIMESTAMP) || v.isAfter(MAX_TIMESTAMP.plusSeconds(1))) {
      throw outOfRange(component, "timestamp", "LocalDateTime");
    }
    int rest = v.getNano() % 1000;
    LocalDateTime rounded = rest == 0 ? v : rest >= 500 ? v.plusNanos(1000 - rest) : v.minusNanos(rest);
    if (rounded.isAfter(MAX_TIMESTAMP)) {
      throw outOfRange(component, "timestamp", "LocalDateTime");
    }
    return rounded;
  }

  /** A {@code LocalDate} as a {@code date} stores it. */
  public static LocalDate localDate(LocalDate v, String component) {
    if (v == null || v.equals(LocalDate.MAX) || v.equals(LocalDate.MIN)) {
      return v;
    }
    if (v.isBefore(MIN_DATE) || v.isAfter(MAX_DATE)) {
      throw outOfRange(component, "date", "LocalDate");
    }
    return v;
  }

  /** A {@code LocalTime} as a {@code time} stores it; {@code LocalTime.MAX} means 24:00:00. */
  public static LocalTime localTime(LocalTime v) {
    if (v == null) {
      return null;
    }
    int rest = v.getNano() % 1000;
    if (rest == 0 || v.equals(LocalTime.MAX)) {
      return v;
    }
    if (rest < 500) {
      return v.minusNanos(rest);
    }
    LocalTime up = v.plusNanos(1000 - rest);
    return up.equals(LocalTime.MIDNIGHT) ? LocalTime.MAX : up;
  }

  /** Microseconds since midnight, {@code 24:00:00} for {@code LocalTime.MAX}. */
  public static long timeMicros(LocalTime v) {
    LocalTime t = localTime(v);
    return t.equals(LocalTime.MAX) ? 86_400_000_000L : t.toNanoOfDay() / 1000;
  }

  /** Text that PostgreSQL stores exactly as given. */
  public static String text(String v, String component) {
    if (v == null) {
      return null;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '\0') {
        throw new IllegalArgumentException(component + ": text cannot contain the NUL character (U+0000), which "
            + "PostgreSQL's text types cannot hold; remove it or store the value as byte[] (bytea)");
      }
      if (Character.isHighSurrogate(c) && i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(component + ": text contains a lone UTF-16 surrogate at index " + i
            + ", which has no UTF-8 form and would be stored as '?'; pass well-formed text");
      }
    }
    return v;
  }

  /**
   * Text for a {@code varchar(length)} column: {@link #text}'s checks, and at most
   * {@code length} characters (code points, as PostgreSQL counts them). PostgreSQL refuses a
   * longer string (22001), except that, as the SQL standard says, it cuts excess characters that
   * are all spaces and stores the rest; Quarry refuses those too, with the same SQLSTATE, so that
   * nothing is stored differently from what was given.
   *
   * @throws ValueFailure SQLSTATE 22001 when {@code v} is longer than {@code length}
   */
  public static String varchar(String v, int length, String component) throws ValueFailure {
    if (text(v, component) != null && v.length() > length && v.codePointCount(0, v.length()) > length) {
      boolean spaces = v.substring(v.offsetByCodePoints(0, length)).chars().allMatch(c -> c == ' ');
      String why = spaces ? " (the excess is spaces, which PostgreSQL would cut silently; Quarry refuses them as "
          + "PostgreSQL refuses other characters)" : "";
      throw ValueFailure.refusedWrite(component + ": value too long for type character varying(" + length + "): "
          + v.codePointCount(0, v.length()) + " characters" + why, "22001");
    }
    return v;
  }

  /** A {@code BigDecimal} within {@code numeric}'s limits. */
  public static BigDecimal numeric(BigDecimal v, String component) {
    if (v == null) {
      return null;
    }
    if (v.scale() > MAX_NUMERIC_SCALE || v.precision() - v.scale() > MAX_NUMERIC_INTEGER_DIGITS) {
      throw new IllegalArgumentException(component + ": numeric holds at most " + MAX_NUMERIC_INTEGER_DIGITS
          + " digits before the decimal point and " + MAX_NUMERIC_SCALE + " after; this value has "
          + (v.precision() - v.scale()) + " and " + v.scale() + ". Round it first (BigDecimal.setScale)");
    }
    return v;
  }

  // ---- PostgreSQL's text forms, for values that travel inside array literals ----

  /** {@code 0045-03-15 12:00:00+00 BC}, {@code infinity}: a timestamptz as PostgreSQL reads it in any session. */
  public static String timestamptzText(Instant v) {
    if (v.equals(Instant.MAX)) {
      return "infinity";
    }
    if (v.equals(Instant.MIN)) {
      return "-infinity";
    }
    LocalDateTime utc = LocalDateTime.ofInstant(v, ZoneOffset.UTC);
    return timestampText(utc) + "+00" + era(utc.getYear());
  }

  /** A timestamptz of an {@code OffsetDateTime}: its instant, {@code infinity} for MAX and MIN. */
  public static String offsetDateTimeText(OffsetDateTime v) {
    return v.equals(OffsetDateTime.MAX) ? "infinity" : v.equals(OffsetDateTime.MIN) ? "-infinity"
        : timestamptzText(v.toInstant());
  }

  /** {@code 0045-03-15 12:00:00}: a timestamp without time zone, without its era (see {@link #localDateTimeText}). */
  public static String timestampText(LocalDateTime v) {
    if (v.equals(LocalDateTime.MAX)) {
      return "infinity";
    }
    if (v.equals(LocalDateTime.MIN)) {
      return "-infinity";
    }
    return appendTime(appendDate(new StringBuilder(26), v.toLocalDate()).append(' '), v.toLocalTime()).toString();
  }

  /** A timestamp's text with its era: {@link #timestampText} plus {@code BC} when needed. */
  public static String localDateTimeText(LocalDateTime v) {
    String text = timestampText(v);
    return text.endsWith("infinity") ? text : text + era(v.getYear());
  }

  /** {@code 0045-03-15 BC}, {@code infinity}. */
  public static String dateText(LocalDate v) {
    if (v.equals(LocalDate.MAX)) {
      return "infinity";
    }
    if (v.equals(LocalDate.MIN)) {
      return "-infinity";
    }
    return dateDigits(v) + era(v.getYear());
  }

  /** {@code 12:00:00.000001}, {@code 24:00:00} for {@code LocalTime.MAX}. */
  public static String timeText(LocalTime v) {
    return appendTime(new StringBuilder(15), v).toString();
  }

  /** Year (as years of an era: 1 BC is ISO year 0), month and day. */
  private static String dateDigits(LocalDate v) {
    return appendDate(new StringBuilder(10), v).toString();
  }

  // Digits by hand, not String.format: this runs for every timestamp bound (a Formatter costs
  // microseconds a call on the single-row hot path), and Formatter would write the default
  // locale's digits, which are not ASCII in every locale.

  private static StringBuilder appendDate(StringBuilder b, LocalDate v) {
    int year = v.getYear() <= 0 ? 1 - v.getYear() : v.getYear();
    return digits(digits(digits(b, year, 4).append('-'), v.getMonthValue(), 2).append('-'), v.getDayOfMonth(), 2);
  }

  private static StringBuilder appendTime(StringBuilder b, LocalTime v) {
    long micros = timeMicros(v);
    long seconds = micros / 1_000_000;
    long fraction = micros % 1_000_000;
    digits(digits(digits(b, seconds / 3600, 2).append(':'), seconds / 60 % 60, 2).append(':'), seconds % 60, 2);
    return fraction == 0 ? b : digits(b.append('.'), fraction, 6);
  }

  /** {@code value} (not negative) with leading zeros to at least {@code width} digits. */
  private static StringBuilder digits(StringBuilder b, long value, int width) {
    for (long limit = 10, i = 1; i < width; i++, limit *= 10) {
      if (value < limit) {
        b.append('0');
      }
    }
    return b.append(value);
  }

  private static String era(int isoYear) {
    return isoYear <= 0 ? " BC" : "";
  }

  private static IllegalArgumentException outOfRange(String component, String sqlType, String javaType) {
    return new IllegalArgumentException(component + ": the value is outside what PostgreSQL's " + sqlType
        + " can hold (" + (sqlType.equals("date") ? "4714-11-24 BC to 5874897-12-31" : "4714-11-24 BC to 294276-12-31")
        + "); " + javaType + ".MAX and " + javaType + ".MIN store as infinity and -infinity");
  }
}
