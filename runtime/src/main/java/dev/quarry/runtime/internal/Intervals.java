package dev.quarry.runtime.internal;

import java.math.BigInteger;
import java.sql.SQLException;
import java.time.Duration;
import org.postgresql.util.PGInterval;

/**
 * {@link Duration} as PostgreSQL's {@code interval}. An interval keeps months, days and
 * microseconds apart; a {@code Duration} is an exact length of time. Quarry writes a duration as
 * microseconds alone (no days, no months), rounded half up (toward the later) in Java as every
 * other time value is (see {@link Values}), so every write path stores the same interval. Reading counts a day as 24 hours (as
 * PostgreSQL does when it compares intervals); months and years have no fixed length, and an
 * interval holding them is refused rather than guessed.
 */
public final class Intervals {
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private Intervals() {}

  /**
   * The duration in whole microseconds, half up (toward the later).
   *
   * @throws IllegalArgumentException when it is longer than an interval holds (about 292,000 years)
   */
  public static long micros(Duration d, String component) {
    long seconds = d.getSeconds();
    int nanos = d.getNano();
    long micros = nanos / 1000;
    int rest = nanos % 1000;
    if (rest >= 500) {
      micros++; // half up, toward the later, as Values rounds every other time value
    }
    if (seconds < 0 && micros > 0) {
      // seconds * 10^6 alone may pass Long.MIN_VALUE where the sum does not
      seconds++;
      micros -= 1_000_000L;
    }
    try {
      return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), micros);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(component + ": the Duration is longer than a PostgreSQL interval holds "
          + "(" + Long.MAX_VALUE + " microseconds, about 292,000 years)", e);
    }
  }

  /** Interval input text PostgreSQL parses exactly, whatever the session's IntervalStyle: {@code "-1500000 microseconds"}. */
  public static String text(Duration d, String component) {
    return micros(d, component) + " microseconds";
  }

  /**
   * Reads interval output text. The default {@code IntervalStyle} ({@code postgres}) is parsed
   * here with 64-bit fields, so every interval a {@code Duration} was written as reads back;
   * other styles go through pgjdbc's {@link PGInterval}.
   *
   * @throws SQLException SQLSTATE 22015 when the interval has months or years
   */
  public static Duration parse(String text, String column) throws SQLException {
    long months = 0;
    long days = 0;
    BigInteger micros = BigInteger.ZERO;
    String[] tokens = text.trim().split(" +");
    try {
      for (int i = 0; i < tokens.length; i++) {
        String token = tokens[i];
        if (token.indexOf(':') >= 0) {
          micros = micros.add(BigInteger.valueOf(clock(token)));
          continue;
        }
        long n = Long.parseLong(token);
        String unit = tokens[++i];
        if (unit.startsWith("year")) {
          months += 12 * n;
        } else if (unit.startsWith("mon")) {
          months += n;
        } else if (unit.startsWith("day")) {
          days += n;
        } else {
          return other(text, column);
        }
      }
    } catch (RuntimeException e) {
      return other(text, column);
    }
    if (months != 0) {
      throw hasMonths(column);
    }
    micros = micros.add(BigInteger.valueOf(days).multiply(BigInteger.valueOf(MICROS_PER_DAY)));
    BigInteger[] split = micros.divideAndRemainder(BigInteger.valueOf(1_000_000));
    return Duration.ofSeconds(split[0].longValueExact(), split[1].longValue() * 1000);
  }

  /** {@code [-+]H:MM:SS[.ffffff]} in microseconds; hours may have any number of digits. */
  private static long clock(String token) {
    boolean negative = token.startsWith("-");
    String t = negative || token.startsWith("+") ? token.substring(1) : token;
    String[] parts = t.split(":");
    if (parts.length != 3) {
      throw new NumberFormatException(token);
    }
    String[] second = parts[2].split("\\.");
    String fraction = second.length > 1 ? (second[1] + "000000").substring(0, 6) : "0";
    long hours = Long.parseLong(parts[0]);
    long rest = Long.parseLong(parts[1]) * 60_000_000L + Long.parseLong(second[0]) * 1_000_000L
        + Long.parseLong(fraction);
    // Accumulated with the sign applied, so that the most negative interval does not overflow.
    return negative
        ? Math.subtractExact(Math.multiplyExact(-hours, 3_600_000_000L), rest)
        : Math.addExact(Math.multiplyExact(hours, 3_600_000_000L), rest);
  }

  /** Another IntervalStyle (iso_8601, sql_standard, postgres_verbose): pgjdbc's parser. */
  private static Duration other(String text, String column) throws SQLException {
    PGInterval i = new PGInterval(text);
    if (i.getYears() != 0 || i.getMonths() != 0) {
      throw hasMonths(column);
    }
    long micros = ((i.getDays() * 24L + i.getHours()) * 60 + i.getMinutes()) * 60_000_000L
        + i.getWholeSeconds() * 1_000_000L + i.getMicroSeconds();
    return Duration.ofSeconds(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }

  private static ValueFailure hasMonths(String column) {
    return new ValueFailure("the column " + column + " holds an interval with months or years, which a "
        + "java.time.Duration cannot hold (a month has no fixed length); store days and smaller units, or "
        + "convert in SQL (justify_days, or extract(epoch from ...))", "22015");
  }
}
