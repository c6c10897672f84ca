package dev.quarry.runtime.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * RANGE partition slots: bounds computed in Java in the declared zone (never by date arithmetic
 * in SQL, never in the session's zone), rendered as literals with offsets, named after their
 * lower bound as pg_partman 5 does. Every bound is also held as a {@code long} "position" so
 * slots compare with catalog bounds exactly: microseconds since 1970 for time keys, days for
 * dates, the value itself for integers.
 */
public final class PartitionSlots {
  /** One partition's range {@code [lower, upper)}. */
  public record Slot(String name, String lowerLiteral, String upperLiteral, long lower, long upper) {}

  private static final DateTimeFormatter TIMESTAMPTZ = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ssxxx", Locale.ROOT);
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter DAY_NAME = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT);
  private static final DateTimeFormatter HOUR_NAME = DateTimeFormatter.ofPattern("uuuuMMdd_HHmmss", Locale.ROOT);
  /** How PostgreSQL prints bounds with TimeZone UTC and DateStyle ISO. */
  private static final DateTimeFormatter CATALOG = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd[ HH:mm:ss]")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
      .optionalStart().appendOffset("+HH:mm", "+00").optionalEnd()
      .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
      .toFormatter(Locale.ROOT);

  private final PartitionSpec spec;

  public PartitionSlots(PartitionSpec spec) {
    this.spec = spec;
  }

  /** The current slot for a time key and the {@code premake} after it. */
  public List<Slot> wanted(Instant now) {
    ZonedDateTime start = floor(now.atZone(ZoneId.of(spec.zone())));
    List<Slot> slots = new ArrayList<>();
    for (int i = 0; i <= spec.premake(); i++) {
      slots.add(slot(plus(start, i)));
    }
    return slots;
  }

  /** The current slot for an integer key holding {@code max}, and the {@code premake} after it. */
  public List<Slot> wanted(long max) {
    long start = Math.floorDiv(max, spec.step()) * spec.step();
    List<Slot> slots = new ArrayList<>();
    for (int i = 0; i <= spec.premake(); i++) {
      slots.add(integerSlot(start + i * spec.step()));
    }
    return slots;
  }

  /** The slot that holds the time {@code t}. */
  public Slot slotOf(Instant t) {
    return slot(floor(t.atZone(ZoneId.of(spec.zone()))));
  }

  /** The slot that holds the integer {@code v}. */
  public Slot slotOf(long v) {
    return integerSlot(Math.floorDiv(v, spec.step()) * spec.step());
  }

  /** The slot that holds a catalog position (see {@link #parse}). */
  public Slot slotAt(long position) {
    if (!spec.timeKey()) {
      return slotOf(position);
    }
    ZoneId zone = ZoneId.of(spec.zone());
    Instant t;
    switch (spec.keyType()) {
      case "date":
        t = LocalDate.ofEpochDay(position).atStartOfDay(zone).toInstant();
        break;
      case "timestamp":
        t = LocalDateTime.ofInstant(instant(position), ZoneOffset.UTC).atZone(zone).toInstant();
        break;
      default:
        t = instant(position);
    }
    return slotOf(t);
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }

  /** Where retention starts: partitions ending at or before this position are dropped. */
  public long retentionCutoff(Instant now) {
    return position(plus(floor(now.atZone(ZoneId.of(spec.zone()))), -spec.retain()));
  }

  public long retentionCutoff(long max) {
    return Math.floorDiv(max, spec.step()) * spec.step() - spec.retain() * spec.step();
  }

  /** The position of an instant, as {@link #parse} gives catalog bounds. */
  public long position(Instant t) {
    if (spec.keyType().equals("date")) {
      return t.atZone(ZoneId.of(spec.zone())).toLocalDate().toEpochDay();
    }
    if (spec.keyType().equals("timestamp")) {
      return micros(LocalDateTime.ofInstant(t, ZoneId.of(spec.zone())).toInstant(ZoneOffset.UTC));
    }
    return micros(t);
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

  private Slot slot(ZonedDateTime lower) {
    ZonedDateTime upper = plus(lower, 1);
    String name = spec.prefix() + "_p" + lower.format(spec.interval().equals("HOURLY") ? HOUR_NAME : DAY_NAME);
    return new Slot(name, literal(lower), literal(upper), position(lower), position(upper));
  }

  private Slot integerSlot(long lower) {
    String name = spec.prefix() + "_p" + (lower < 0 ? "m" + Long.toString(lower).substring(1) : Long.toString(lower));
    return new Slot(name, Long.toString(lower), Long.toString(lower + spec.step()), lower, lower + spec.step());
  }

  private String literal(ZonedDateTime t) {
    switch (spec.keyType()) {
      case "timestamptz":
        return "'" + t.format(TIMESTAMPTZ) + "'";
      case "timestamp":
        return "'" + t.toLocalDateTime().format(TIMESTAMP) + "'";
      default:
        return "'" + t.toLocalDate() + "'";
    }
  }

  private long position(ZonedDateTime t) {
    return position(t.toInstant());
  }

  /** The start of the interval holding {@code t}, in the declared zone. */
  ZonedDateTime floor(ZonedDateTime t) {
    switch (spec.interval()) {
      case "HOURLY":
        return t.truncatedTo(ChronoUnit.HOURS);
      case "DAILY":
        return t.truncatedTo(ChronoUnit.DAYS);
      case "WEEKLY":
        return t.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case "QUARTERLY":
        return t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).withMonth((t.getMonthValue() - 1) / 3 * 3 + 1);
      case "YEARLY":
        return t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
      default:
        return t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
    }
  }

  /** {@code n} intervals after {@code t}, on the zoned value so daylight saving is handled. */
  ZonedDateTime plus(ZonedDateTime t, long n) {
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

  private static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }
}
