package dev.quarry.runtime.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.postgresql.util.ByteConverter;
import org.postgresql.util.PGBinaryObject;
import org.postgresql.util.PGobject;

/**
 * A {@code timestamptz} or {@code timestamp} parameter in PostgreSQL's binary form: an int8 of
 * microseconds since 2000-01-01 00:00 (in UTC for {@code timestamptz}, on the wall clock for
 * {@code timestamp}), the largest and smallest int8 for {@code infinity} and {@code -infinity}
 * (PostgreSQL's {@code timestamp_recv}; the same form a binary {@code COPY} carries, see
 * {@link CopyEncoder}).
 *
 * <p>pgjdbc sends it in binary whenever the connection sends the type in binary (its default,
 * {@code binaryTransfer=true}); the server then reads 8 bytes instead of parsing a date and a
 * time, and the client writes no text. On a connection that sends text ({@code
 * binaryTransfer=false}, {@code preferQueryMode=simple}), pgjdbc sends {@link #getValue()}, the
 * same value in PostgreSQL's text form. The value must already be rounded and range-checked by
 * {@link Values}: this type only changes how it travels.
 */
final class BinaryTimestamp extends PGobject implements PGBinaryObject {
  private static final long serialVersionUID = 1L;

  /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in Unix seconds. */
  static final long PG_EPOCH_SECONDS = 946_684_800L;

  private final long micros;
  private final boolean zoned;

  private BinaryTimestamp(String type, long micros, boolean zoned) {
    this.type = type;
    this.micros = micros;
    this.zoned = zoned;
  }

  /** A {@code timestamptz} of an instant that {@link Values#instant} returned (MAX and MIN are infinity). */
  static BinaryTimestamp timestamptz(Instant stored) {
    return new BinaryTimestamp("timestamptz", micros(stored), true);
  }

  /** A {@code timestamp} of a date-time that {@link Values#localDateTime} returned. */
  static BinaryTimestamp timestamp(LocalDateTime stored) {
    return new BinaryTimestamp("timestamp", micros(stored), false);
  }

  /**
   * The instant of an {@code OffsetDateTime} that {@link Values#offsetDateTime} returned; MAX and
   * MIN become {@code Instant.MAX} and {@code MIN}, infinity.
   */
  static Instant instant(OffsetDateTime stored) {
    return stored.equals(OffsetDateTime.MAX) ? Instant.MAX : stored.equals(OffsetDateTime.MIN) ? Instant.MIN
        : stored.toInstant();
  }

  /** {@link #micros(Instant)} of a wall-clock time, counted as if it were UTC; MAX and MIN are infinity. */
  static long micros(LocalDateTime stored) {
    return stored.equals(LocalDateTime.MAX) ? Long.MAX_VALUE
        : stored.equals(LocalDateTime.MIN) ? Long.MIN_VALUE : micros(stored.toInstant(ZoneOffset.UTC));
  }

  /**
   * Microseconds since PostgreSQL's epoch of an instant already rounded to microseconds and
   * range-checked; {@code Instant.MAX} and {@code MIN} are the largest and smallest int8.
   */
  static long micros(Instant stored) {
    if (stored.equals(Instant.MAX)) {
      return Long.MAX_VALUE;
    }
    if (stored.equals(Instant.MIN)) {
      return Long.MIN_VALUE;
    }
    return (stored.getEpochSecond() - PG_EPOCH_SECONDS) * 1_000_000L + stored.getNano() / 1000;
  }

  @Override
  public int lengthInBytes() {
    return 8;
  }

  @Override
  public void toBytes(byte[] bytes, int offset) {
    ByteConverter.int8(bytes, offset, micros);
  }

  /** Only ever sent, never read into: pgjdbc reads timestamps as its own types. */
  @Override
  public void setByteValue(byte[] value, int offset) {
    throw new UnsupportedOperationException("a bound parameter, not a result column");
  }

  /** The text form, written only when pgjdbc sends the value as text. */
  @Override
  public String getValue() {
    if (micros == Long.MAX_VALUE) {
      return "infinity";
    }
    if (micros == Long.MIN_VALUE) {
      return "-infinity";
    }
    Instant at = Instant.ofEpochSecond(PG_EPOCH_SECONDS + Math.floorDiv(micros, 1_000_000L),
        Math.floorMod(micros, 1_000_000L) * 1000L);
    return zoned ? Values.timestamptzText(at) : Values.localDateTimeText(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BinaryTimestamp b && b.micros == micros && b.zoned == zoned;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(micros) * 31 + (zoned ? 1 : 0);
  }

  @Override
  public Object clone() throws CloneNotSupportedException {
    return this; // immutable
  }
}
