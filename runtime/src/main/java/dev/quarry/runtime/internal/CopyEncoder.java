package dev.quarry.runtime.internal;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.postgresql.copy.CopyIn;

/**
 * Writes rows in PostgreSQL's binary COPY format straight into a {@link CopyIn}, through one
 * reusable buffer. Binary COPY needs each value in its column type's exact "send" form
 * (int8 is not int4; timestamps are microseconds since 2000-01-01; numeric is base-10000
 * digits; jsonb starts with a version byte); generated code picks the method per column at
 * compile time. See "Binary Format" in PostgreSQL's COPY documentation.
 *
 * <p>Values go through {@link Values} first, as on every other write path, so COPY stores what
 * an INSERT stores: the same rounding, {@code infinity} for the MAX/MIN sentinels, and an
 * {@link IllegalArgumentException} naming {@code component} for a value PostgreSQL cannot hold
 * (never epoch arithmetic that wraps around).
 */
public final class CopyEncoder {
  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
  private static final long PG_EPOCH_DAYS = 10_957L;
  private static final int BUFFER = 1 << 16;

  /** Where full buffers go; {@code null} for the scratch encoder of array elements, which grows instead. */
  private final CopyIn copy;
  private ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
  /** Encodes the elements of one array at a time, so the array's length can precede them. */
  private CopyEncoder elements;
  /** Base-10000 digits of the value being encoded; reused, so numerics allocate nothing per row. */
  private final short[] groups = new short[8];

  /** Starts the stream with the binary COPY header. */
  /** The number of the last row written when rows are {@link #numbered()}, else -1. */
  private long ordinal = -1;
  /** The ordinals to write, one per row, when rows are {@link #numbered(long[])}. */
  private long[] ordinals;

  public CopyEncoder(CopyIn copy) throws SQLException {
    this.copy = copy;
    buffer.put(SIGNATURE).putInt(0).putInt(0);
  }

  private CopyEncoder() {
    this.copy = null;
    this.buffer = ByteBuffer.allocate(256);
  }

  /** Writes one element of an array; generated code passes the element type's encoder. */
  @FunctionalInterface
  public interface ElementEncoder<T> {
    void encode(CopyEncoder out, T value) throws SQLException;
  }

  /**
   * A one-dimensional array: the number of dimensions (0 for the empty array), whether any
   * element is NULL, the element type's OID, the length and lower bound (1), then each element
   * as a field of its own (length, bytes; -1 for NULL). PostgreSQL checks the OID against the
   * column's element type. See {@code array_recv} in PostgreSQL's {@code arrayfuncs.c}.
   */
  public <T> void array(int elementOid, java.util.List<T> values, ElementEncoder<? super T> element)
      throws SQLException {
    if (values == null) {
      nul();
      return;
    }
    if (elements == null) {
      elements = new CopyEncoder();
    }
    CopyEncoder body = elements;
    body.buffer.clear();
    boolean hasNull = false;
    for (T v : values) {
      if (v == null) {
        hasNull = true;
        body.nul();
      } else {
        element.encode(body, v);
      }
    }
    int header = values.isEmpty() ? 12 : 20;
    room(4 + header);
    buffer.putInt(header + body.buffer.position()).putInt(values.isEmpty() ? 0 : 1).putInt(hasNull ? 1 : 0)
        .putInt(elementOid);
    if (!values.isEmpty()) {
      buffer.putInt(values.size()).putInt(1);
    }
    raw(body.buffer.array(), body.buffer.position());
  }

  /** Starts a row of {@code fields} values. */
  public void row(int fields) throws SQLException {
    if (ordinal < 0) {
      room(2);
      buffer.putShort((short) fields);
      return;
    }
    room(14);
    ++ordinal;
    buffer.putShort((short) (fields + 1)).putInt(8).putLong(ordinals == null ? ordinal : ordinals[(int) ordinal - 1]);
  }

  /**
   * Numbers the rows from here on: each row starts with one more field, an {@code int8} counting
   * rows from 1 in the order they are written. A staging table receives it as
   * {@code quarry_ordinal}, which keeps the caller's order without a sequence (an identity
   * column would draw {@code nextval} for every row in the server).
   */
  public void numbered() {
    ordinal = 0;
  }

  /** As {@link #numbered()}, each row starting with the next of {@code ordinals} instead of its count. */
  public void numbered(long[] ordinals) {
    this.ordinal = 0;
    this.ordinals = ordinals;
  }

  public void nul() throws SQLException {
    room(4);
    buffer.putInt(-1);
  }

  public void bool(boolean v) throws SQLException {
    room(5);
    buffer.putInt(1).put((byte) (v ? 1 : 0));
  }

  public void bool(Boolean v) throws SQLException {
    if (v == null) nul(); else bool(v.booleanValue());
  }

  public void int2(short v) throws SQLException {
    room(6);
    buffer.putInt(2).putShort(v);
  }

  public void int2(Short v) throws SQLException {
    if (v == null) nul(); else int2(v.shortValue());
  }

  public void int4(int v) throws SQLException {
    room(8);
    buffer.putInt(4).putInt(v);
  }

  public void int4(Integer v) throws SQLException {
    if (v == null) nul(); else int4(v.intValue());
  }

  public void int8(long v) throws SQLException {
    room(12);
    buffer.putInt(8).putLong(v);
  }

  public void int8(Long v) throws SQLException {
    if (v == null) nul(); else int8(v.longValue());
  }

  public void float4(float v) throws SQLException {
    room(8);
    buffer.putInt(4).putFloat(v);
  }

  public void float4(Float v) throws SQLException {
    if (v == null) nul(); else float4(v.floatValue());
  }

  public void float8(double v) throws SQLException {
    room(12);
    buffer.putInt(8).putDouble(v);
  }

  public void float8(Double v) throws SQLException {
    if (v == null) nul(); else float8(v.doubleValue());
  }

  /** text and varchar: UTF-8 bytes. */
  public void text(String v, String component) throws SQLException {
    if (v == null) {
      nul();
    } else {
      bytes(Values.text(v, component).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Text for a {@code varchar(length)} column; see {@link Values#varchar}. */
  public void text(String v, String component, int length) throws SQLException {
    text(Values.varchar(v, length, component), component);
  }

  /** An enum by {@code name()}. */
  public void enumName(Enum<?> v) throws SQLException {
    if (v == null) {
      nul();
    } else {
      bytes(v.name().getBytes(StandardCharsets.UTF_8));
    }
  }

  /** jsonb: version byte 1, then the JSON text. */
  public void jsonb(String v, String component) throws SQLException {
    if (v == null) {
      nul();
      return;
    }
    byte[] utf8 = Values.text(v, component).getBytes(StandardCharsets.UTF_8);
    room(5);
    buffer.putInt(utf8.length + 1).put((byte) 1);
    raw(utf8);
  }

  /** bytea: the bytes themselves. */
  public void bytes(byte[] v) throws SQLException {
    if (v == null) {
      nul();
      return;
    }
    room(4);
    buffer.putInt(v.length);
    raw(v);
  }

  public void uuid(UUID v) throws SQLException {
    if (v == null) {
      nul();
      return;
    }
    room(20);
    buffer.putInt(16).putLong(v.getMostSignificantBits()).putLong(v.getLeastSignificantBits());
  }

  /**
   * timestamptz: microseconds since 2000-01-01 UTC; {@code infinity} and {@code -infinity} are
   * the largest and smallest int8.
   */
  public void timestamptz(Instant v, String component) throws SQLException {
    Instant stored = Values.instant(v, component);
    if (stored == null) {
      nul();
    } else {
      int8(BinaryTimestamp.micros(stored));
    }
  }

  public void timestamptz(OffsetDateTime v, String component) throws SQLException {
    OffsetDateTime stored = Values.offsetDateTime(v, component);
    timestamptz(stored == null ? null : BinaryTimestamp.instant(stored), component);
  }

  /** timestamp without time zone: the wall-clock time, counted as if it were UTC. */
  public void timestamp(LocalDateTime v, String component) throws SQLException {
    LocalDateTime stored = Values.localDateTime(v, component);
    if (stored == null) {
      nul();
    } else {
      int8(BinaryTimestamp.micros(stored));
    }
  }

  /** date: days since 2000-01-01; {@code infinity} and {@code -infinity} are the largest and smallest int4. */
  public void date(LocalDate v, String component) throws SQLException {
    LocalDate stored = Values.localDate(v, component);
    if (stored == null) {
      nul();
    } else if (stored.equals(LocalDate.MAX)) {
      int4(Integer.MAX_VALUE);
    } else if (stored.equals(LocalDate.MIN)) {
      int4(Integer.MIN_VALUE);
    } else {
      int4((int) (stored.toEpochDay() - PG_EPOCH_DAYS));
    }
  }

  /** time: microseconds since midnight ({@code 24:00:00} for {@code LocalTime.MAX}). */
  public void time(LocalTime v) throws SQLException {
    if (v == null) {
      nul();
      return;
    }
    int8(Values.timeMicros(v));
  }

  /** interval: microseconds, then days and months, which Quarry leaves at zero (see {@link Intervals}). */
  public void interval(Duration v, String component) throws SQLException {
    if (v == null) {
      nul();
      return;
    }
    long micros = Intervals.micros(v, component);
    room(20);
    buffer.putInt(16).putLong(micros).putInt(0).putInt(0);
  }

  /**
   * numeric: a count of base-10000 digits, the weight of the first, the sign, the display
   * scale, then the digits. Leading and trailing zero digits are left out, as PostgreSQL does.
   */
  public void numeric(BigDecimal v, String component) throws SQLException {
    if (v == null) {
      nul();
      return;
    }
    Values.numeric(v, component);
    if (v.scale() >= 0 && v.precision() <= 14) {
      smallNumeric(v);
      return;
    }
    int scale = Math.max(v.scale(), 0);
    BigDecimal value = v.scale() < 0 ? v.setScale(0) : v;
    String digits = value.unscaledValue().abs().toString();
    // Split at the decimal point, then pad both sides to whole groups of four.
    int intLength = digits.length() - scale;
    String intPart = intLength > 0 ? digits.substring(0, intLength) : "";
    String fracPart = intLength > 0 ? digits.substring(intLength) : "0".repeat(-intLength) + digits;
    intPart = "0".repeat((4 - intPart.length() % 4) % 4) + intPart;
    fracPart = fracPart + "0".repeat((4 - fracPart.length() % 4) % 4);
    String all = intPart + fracPart;
    int groups = all.length() / 4;
    int weight = intPart.length() / 4 - 1;
    int first = 0;
    while (first < groups && all.startsWith("0000", first * 4)) {
      first++;
      weight--;
    }
    int last = groups;
    while (last > first && all.startsWith("0000", (last - 1) * 4)) {
      last--;
    }
    int ndigits = last - first;
    if (ndigits == 0) {
      weight = 0;
    }
    room(4 + 8 + 2 * ndigits);
    buffer.putInt(8 + 2 * ndigits).putShort((short) ndigits).putShort((short) weight)
        .putShort((short) (value.signum() < 0 ? 0x4000 : 0)).putShort((short) scale);
    for (int g = first; g < last; g++) {
      buffer.putShort(Short.parseShort(all.substring(g * 4, g * 4 + 4)));
    }
  }

  private static final long[] POW10 = {1, 10, 100, 1000};

  /**
   * The common case without strings: at most 14 digits (below 10^14) and a scale of 0 or more.
   * Padding the fraction to whole base-10000 groups multiplies by at most 1000, which still
   * fits in a long; the groups then come out by division, least significant first.
   */
  private void smallNumeric(BigDecimal v) throws SQLException {
    int scale = v.scale();
    int pad = (4 - scale % 4) % 4;
    // Moving the point keeps a small BigDecimal compact: no BigInteger is made, as unscaledValue() would.
    long u = Math.abs(v.movePointRight(scale).longValue()) * POW10[pad];
    int fracGroups = (scale + pad) / 4;
    int count = 0;
    while (u != 0) {
      groups[count++] = (short) (u % 10_000);
      u /= 10_000;
    }
    int start = 0;
    while (start < count && groups[start] == 0) {
      start++;
    }
    int ndigits = count - start;
    int weight = ndigits == 0 ? 0 : count - 1 - fracGroups;
    room(4 + 8 + 2 * ndigits);
    buffer.putInt(8 + 2 * ndigits).putShort((short) ndigits).putShort((short) weight)
        .putShort((short) (v.signum() < 0 ? 0x4000 : 0)).putShort((short) scale);
    for (int g = count - 1; g >= start; g--) {
      buffer.putShort(groups[g]);
    }
  }

  /** Ends the stream with the trailer and flushes what is buffered; the caller then ends the copy. */
  public void finish() throws SQLException {
    room(2);
    buffer.putShort((short) -1);
    flush();
  }

  private void raw(byte[] v) throws SQLException {
    raw(v, v.length);
  }

  private void raw(byte[] v, int length) throws SQLException {
    if (length > buffer.remaining()) {
      if (copy == null) {
        grow(length);
      } else {
        flush();
        if (length > buffer.capacity()) {
          copy.writeToCopy(v, 0, length);
          return;
        }
      }
    }
    buffer.put(v, 0, length);
  }

  private void room(int bytes) throws SQLException {
    if (buffer.remaining() < bytes) {
      if (copy == null) {
        grow(bytes);
      } else {
        flush();
      }
    }
  }

  /** The scratch encoder's buffer, doubled until {@code bytes} more fit. */
  private void grow(int bytes) {
    int capacity = buffer.capacity();
    while (capacity - buffer.position() < bytes) {
      capacity = Math.multiplyExact(capacity, 2);
    }
    buffer = ByteBuffer.allocate(capacity).put(buffer.array(), 0, buffer.position());
  }

  private void flush() throws SQLException {
    if (buffer.position() > 0) {
      copy.writeToCopy(buffer.array(), 0, buffer.position());
      buffer.clear();
    }
  }
}
