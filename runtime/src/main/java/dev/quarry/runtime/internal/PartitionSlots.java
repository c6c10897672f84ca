package dev.quarry.runtime.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Locale;

/**
 * The calendar of a RANGE partitioned table: which slot (one partition's range) holds a key,
 * and the slots before and after it. Pure Java, no database.
 *
 * <p>A time slot is a local period of the declared zone (an hour, day, week, month, quarter or
 * year) and runs from the start of that period to the start of the next one. Periods are
 * counted on the local calendar ({@link LocalDateTime}), never by adding hours to an instant,
 * and a period's start is the first instant whose local time is at or past it: where daylight
 * saving time skips midnight (America/Santiago on 2026-09-06 goes from 23:59:59 to 01:00), the
 * day starts at 01:00, and the day before ends there too. So consecutive slots always touch,
 * and every instant lies in the slot of its own local period. Bounds are never computed in SQL
 * or in the session's zone.
 *
 * <p>Every bound is also held as a {@code long} "position" so slots compare with catalog
 * bounds exactly: microseconds since 1970 for timestamptz, local microseconds for timestamp,
 * days for dates, the value itself for integers.
 */
public final class PartitionSlots {
  /**
   * One partition's range {@code [lower, upper)}.
   *
   * @param start the local start of the period (time keys), or null (integer keys)
   */
  public record Slot(String name, String lowerLiteral, String upperLiteral, long lower, long upper,
      LocalDateTime start) {}

  private static final DateTimeFormatter TIMESTAMPTZ = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ssxxx", Locale.ROOT);
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);
  /** How PostgreSQL prints bounds with TimeZone UTC and DateStyle ISO. */
  private static final DateTimeFormatter CATALOG = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd[ HH:mm:ss]")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
      .optionalStart().appendOffset("+HH:mm", "+00").optionalEnd()
      .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
      .toFormatter(Locale.ROOT);

  private final PartitionSpec spec;
  private final ZoneId zone;
  private final ZoneRules rules;

  public PartitionSlots(PartitionSpec spec) {
    this.spec = spec;
    this.zone = ZoneId.of(spec.zone());
    this.rules = zone.getRules();
  }

  public PartitionSpec spec() {
    return spec;
  }

  /** The slot that holds the time {@code t}. */
  public Slot slotOf(Instant t) {
    return nonEmpty(slot(periodStart(LocalDateTime.ofInstant(t, zone))), 1);
  }

  /** The slot that holds the integer {@code v}. */
  public Slot slotOf(long v) {
    return integerSlot(Math.floorDiv(v, spec.step()) * spec.step());
  }

  /** The slot that holds a position (see {@link #parse}). */
  public Slot slotAt(long position) {
    if (!spec.timeKey()) {
      return slotOf(position);
    }
    switch (spec.keyType()) {
      case "date":
        return slot(periodStart(LocalDate.ofEpochDay(position).atStartOfDay()));
      case "timestamp":
        return slot(periodStart(LocalDateTime.ofInstant(instant(position), ZoneOffset.UTC)));
      default:
        return slotOf(instant(position));
    }
  }

  /** The slot {@code n} slots after {@code slot} (before it when {@code n} is negative). */
  public Slot shift(Slot slot, long n) {
    if (slot.start() == null) {
      return integerSlot(Math.addExact(slot.lower(), Math.multiplyExact(n, spec.step())));
    }
    Slot s = slot;
    long step = Long.signum(n);
    for (long i = 0; i != n; i += step) {
      s = nonEmpty(slot(plus(s.start(), step)), step);
    }
    return s;
  }

  /** The slot right after {@code slot}: its lower bound is {@code slot}'s upper bound. */
  public Slot next(Slot slot) {
    return shift(slot, 1);
  }

  /** The position of an instant, as {@link #parse} gives catalog bounds. */
  public long position(Instant t) {
    switch (spec.keyType()) {
      case "date":
        return LocalDateTime.ofInstant(t, zone).toLocalDate().toEpochDay();
      case "timestamp":
        return micros(LocalDateTime.ofInstant(t, zone).toInstant(ZoneOffset.UTC));
      default:
        return micros(t);
    }
  }

  /** A catalog bound (TimeZone UTC, DateStyle ISO) as a position; MINVALUE/MAXVALUE as the extremes. */
  public long parse(String bound) {
    if (bound == null || bound.equals("MINVALUE")) {
      return Long.MIN_VALUE;
    }
    if (bound.equals("MAXVALUE")) {
      return Long.MAX_VALUE;
    }
    switch (spec.keyType()) {
      case "timestamptz":
        return micros(OffsetDateTime.parse(bound, CATALOG).toInstant());
      case "timestamp":
        return micros(LocalDateTime.parse(bound, CATALOG).toInstant(ZoneOffset.UTC));
      case "date":
        return LocalDate.parse(bound, CATALOG).toEpochDay();
      default:
        return Long.parseLong(bound);
    }
  }

  /**
   * The first instant whose local time is at or past {@code local}: the instant itself when it
   * exists once, the earlier one when clocks go back over it, and the end of the gap when
   * clocks skip it.
   */
  public Instant startOf(LocalDateTime local) {
    ZoneOffsetTransition gap = rules.getTransition(local);
    if (gap != null && gap.isGap()) {
      return gap.getInstant();
    }
    return local.atZone(zone).toInstant(); // an overlap resolves to the earlier offset
  }

  /** The local start of the period holding the local time {@code t}. */
  public LocalDateTime periodStart(LocalDateTime t) {
    LocalDateTime day = t.truncatedTo(ChronoUnit.DAYS);
    switch (spec.interval()) {
      case "HOURLY":
        return t.truncatedTo(ChronoUnit.HOURS);
      case "DAILY":
        return day;
      case "WEEKLY":
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case "QUARTERLY":
        return day.withDayOfMonth(1).withMonth((t.getMonthValue() - 1) / 3 * 3 + 1);
      case "YEARLY":
        return day.withDayOfYear(1);
      default:
        return day.withDayOfMonth(1);
    }
  }

  /** {@code n} periods after the local time {@code t}. */
  LocalDateTime plus(LocalDateTime t, long n) {
    switch (spec.interval()) {
      case "HOURLY":
        return t.plusHours(n);
      case "DAILY":
        return t.plusDays(n);
      case "WEEKLY":
        return t.plusWeeks(n);
      case "QUARTERLY":
        return t.plusMonths(3 * n);
      case "YEARLY":
        return t.plusYears(n);
      default:
        return t.plusMonths(n);
    }
  }

  /** An hour that daylight saving time skips entirely holds no instant: step over it. */
  private Slot nonEmpty(Slot slot, long direction) {
    Slot s = slot;
    while (s.lower() == s.upper()) {
      s = slot(plus(s.start(), direction < 0 ? -1 : 1));
    }
    return s;
  }

  private Slot slot(LocalDateTime start) {
    LocalDateTime end = plus(start, 1);
    String name = name(start);
    switch (spec.keyType()) {
      case "date":
        return new Slot(name, "'" + start.toLocalDate() + "'", "'" + end.toLocalDate() + "'",
            start.toLocalDate().toEpochDay(), end.toLocalDate().toEpochDay(), start);
      case "timestamp":
        return new Slot(name, "'" + start.format(TIMESTAMP) + "'", "'" + end.format(TIMESTAMP) + "'",
            micros(start.toInstant(ZoneOffset.UTC)), micros(end.toInstant(ZoneOffset.UTC)), start);
      default:
        Instant lower = startOf(start);
        Instant upper = startOf(end);
        return new Slot(name, timestamptz(lower), timestamptz(upper), micros(lower), micros(upper), start);
    }
  }

  /** {@code prefix_p20260906}, or {@code prefix_p20260906_140000} for hours: the local start. */
  private String name(LocalDateTime start) {
    StringBuilder name = new StringBuilder(spec.prefix().length() + 18).append(spec.prefix()).append("_p");
    pad(name, start.getYear(), 4);
    pad(name, start.getMonthValue(), 2);
    pad(name, start.getDayOfMonth(), 2);
    if (spec.interval().equals("HOURLY")) {
      pad(name.append('_'), start.getHour(), 2);
      name.append("0000");
    }
    return name.toString();
  }

  private static void pad(StringBuilder out, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    out.append(digits);
  }

  /** In UTC: an offset of the zone may have seconds (local mean time), which PostgreSQL would not read back. */
  private static String timestamptz(Instant t) {
    return "'" + t.atOffset(ZoneOffset.UTC).format(TIMESTAMPTZ) + "'";
  }

  private Slot integerSlot(long lower) {
    String name = spec.prefix() + "_p" + (lower < 0 ? "m" + Long.toString(lower).substring(1) : Long.toString(lower));
    return new Slot(name, Long.toString(lower), Long.toString(lower + spec.step()), lower, lower + spec.step(), null);
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }

  private static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }
}
