package dev.quarry.runtime.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.jdbc.PreferQueryMode;
import org.postgresql.util.PGobject;

/**
 * Binds the supported Java types, {@code null} included, the way PostgreSQL stores them.
 * Primitives are bound by generated code directly; these cover the boxed and object types.
 * Values go through {@link Values} first, as on every other write path: a value PostgreSQL
 * cannot hold throws {@link IllegalArgumentException} naming {@code component} (the record
 * component or method parameter, for the message) before anything is sent.
 *
 * <p>A {@code null} travels with the same SQL type as a value of its Java type, so a statement
 * that parses for a value parses for {@code null} too ({@code :since IS NULL OR at > :since}).
 * pgjdbc's {@code setNull} sends {@code uuid}, time and array nulls without a type, which
 * PostgreSQL must then infer from the statement, and cannot beside {@code IS NULL}. The types
 * sent are the ones the processor's {@code ColumnKind} names: the compile-time SQL check
 * describes each statement with them.
 *
 * <p>Timestamps travel in PostgreSQL's binary form ({@link BinaryTimestamp}) where the connection
 * allows it, as int8s, bigints and numerics already do with pgjdbc: the server reads 8 bytes
 * instead of parsing text.
 */
public final class Binds {
  private Binds() {}

  public static void setBoolean(PreparedStatement ps, int i, Boolean v) throws SQLException {
    if (v == null) ps.setNull(i, Types.BOOLEAN); else ps.setBoolean(i, v);
  }

  public static void setShort(PreparedStatement ps, int i, Short v) throws SQLException {
    if (v == null) ps.setNull(i, Types.SMALLINT); else ps.setShort(i, v);
  }

  public static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
    if (v == null) ps.setNull(i, Types.INTEGER); else ps.setInt(i, v);
  }

  public static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) ps.setNull(i, Types.BIGINT); else ps.setLong(i, v);
  }

  public static void setFloat(PreparedStatement ps, int i, Float v) throws SQLException {
    if (v == null) ps.setNull(i, Types.REAL); else ps.setFloat(i, v);
  }

  public static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
    if (v == null) ps.setNull(i, Types.DOUBLE); else ps.setDouble(i, v);
  }

  /** Text; see {@link Values#text} for what is refused. */
  public static void setString(PreparedStatement ps, int i, String v, String component) throws SQLException {
    if (v == null) ps.setNull(i, Types.VARCHAR); else ps.setString(i, Values.text(v, component));
  }

  /** Text for a {@code varchar(length)} column; see {@link Values#varchar} for what is refused. */
  public static void setString(PreparedStatement ps, int i, String v, String component, int length)
      throws SQLException {
    if (v == null) ps.setNull(i, Types.VARCHAR); else ps.setString(i, Values.varchar(v, length, component));
  }

  /**
   * An enum as its {@code name()}, sent as text of unspecified type so that PostgreSQL reads it
   * as what the statement needs: {@code text}, or the enum type of the column it is compared with.
   */
  public static void setEnum(PreparedStatement ps, int i, Enum<?> v) throws SQLException {
    if (v == null) ps.setNull(i, Types.OTHER); else ps.setObject(i, v.name(), Types.OTHER);
  }

  public static void setUuid(PreparedStatement ps, int i, UUID v) throws SQLException {
    if (v == null) ps.setObject(i, typed("uuid", null)); else ps.setObject(i, v);
  }

  /*
   * Time values are bound as PostgreSQL's own text form with their type named (a PGobject), the
   * same text the array path sends: pgjdbc's java.time binding turns every value before
   * 4713-01-01 BC into -infinity, although PostgreSQL holds dates back to 4714-11-24 BC.
   */

  /** An {@code Instant} as {@code timestamptz}; {@code Instant.MAX}/{@code MIN} as {@code infinity}/{@code -infinity}. */
  public static void setInstant(PreparedStatement ps, int i, Instant v, String component) throws SQLException {
    if (v == null) ps.setObject(i, typed("timestamptz", null));
    else ps.setObject(i, binary(ps, BinaryTimestamp.timestamptz(Values.instant(v, component))));
  }

  /** An {@code OffsetDateTime} as {@code timestamptz}: the instant (PostgreSQL keeps no offset). */
  public static void setOffsetDateTime(PreparedStatement ps, int i, OffsetDateTime v, String component)
      throws SQLException {
    if (v == null) {
      ps.setObject(i, typed("timestamptz", null));
      return;
    }
    Instant stored = BinaryTimestamp.instant(Values.offsetDateTime(v, component));
    ps.setObject(i, binary(ps, BinaryTimestamp.timestamptz(stored)));
  }

  public static void setLocalDateTime(PreparedStatement ps, int i, LocalDateTime v, String component)
      throws SQLException {
    if (v == null) ps.setObject(i, typed("timestamp", null));
    else ps.setObject(i, binary(ps, BinaryTimestamp.timestamp(Values.localDateTime(v, component))));
  }

  public static void setLocalDate(PreparedStatement ps, int i, LocalDate v, String component) throws SQLException {
    if (v == null) ps.setObject(i, typed("date", null));
    else ps.setObject(i, typed("date", Values.dateText(Values.localDate(v, component))));
  }

  /** A {@code time}; {@code LocalTime.MAX} is {@code 24:00:00}. */
  public static void setLocalTime(PreparedStatement ps, int i, LocalTime v) throws SQLException {
    if (v == null) ps.setObject(i, typed("time", null)); else ps.setObject(i, typed("time", Values.timeText(v)));
  }

  /**
   * A {@code Duration} as {@code interval}: microseconds only, see {@link Intervals}. Sent as text
   * of unspecified type, so PostgreSQL reads it as the interval the statement needs.
   *
   * @throws IllegalArgumentException naming {@code component} when the duration is longer than an interval holds
   */
  public static void setDuration(PreparedStatement ps, int i, Duration v, String component) throws SQLException {
    if (v == null) ps.setNull(i, Types.OTHER); else ps.setObject(i, Intervals.text(v, component), Types.OTHER);
  }

  /** A value in PostgreSQL's text form (or null), sent with its type so the server parses it as that type. */
  /**
   * {@code v} as it can travel on {@code ps}'s connection: in binary, unless pgjdbc writes the
   * parameters into the statement's text ({@code preferQueryMode=simple}), which it cannot do
   * for a binary timestamp, or the pgjdbc connection behind a wrapper cannot be reached (a
   * wrapper whose {@code unwrap} fails); then as PostgreSQL's text of the same value.
   */
  private static PGobject binary(PreparedStatement ps, BinaryTimestamp v) throws SQLException {
    return sendsBinary(ps) ? v : typed(v.getType(), v.getValue());
  }

  private static boolean sendsBinary(PreparedStatement ps) {
    try {
      Connection c = ps.getConnection();
      PGConnection pg = c == null ? null : c.unwrap(PGConnection.class);
      return pg != null && pg.getPreferQueryMode() != PreferQueryMode.SIMPLE;
    } catch (SQLException | RuntimeException | LinkageError cannotTell) {
      // a wrapper that cannot be asked (unwrap unsupported, or older than JDBC 4): text works everywhere
      return false;
    }
  }

  private static PGobject typed(String type, String text) throws SQLException {
    PGobject o = new PGobject();
    o.setType(type);
    o.setValue(text);
    return o;
  }

  public static void setBigDecimal(PreparedStatement ps, int i, java.math.BigDecimal v, String component)
      throws SQLException {
    if (v == null) ps.setNull(i, Types.NUMERIC); else ps.setBigDecimal(i, Values.numeric(v, component));
  }

  public static void setBytes(PreparedStatement ps, int i, byte[] v) throws SQLException {
    if (v == null) ps.setNull(i, Types.BINARY); else ps.setBytes(i, v);
  }

  /**
   * Binds a collection as one SQL array of {@code elementType}: for {@code = ANY(?)}, and for
   * {@code unnest} in one-statement bulk inserts. One statement text whatever the size, so the
   * server-side statement cache stays small. Each element goes through {@link Values} as on
   * every other path; elements pgjdbc cannot encode itself (time types, enums, bytea), and every
   * element of a {@code text} array, travel in PostgreSQL's own text form (ISO dates with an
   * explicit {@code BC} and {@code +00}, never Java's {@code toString}, whose signed years
   * PostgreSQL reads as a time zone).
   */
  public static void setArray(PreparedStatement ps, int i, String elementType, Collection<?> values, String component)
      throws SQLException {
    Object[] elements = new Object[values.size()];
    boolean text = elementType.equals("text");
    int n = 0;
    for (Object v : values) {
      Object element = element(v, component);
      text |= element instanceof String;
      elements[n++] = element;
    }
    if (text) {
      for (int k = 0; k < elements.length; k++) {
        elements[k] = elements[k] == null ? null : elements[k].toString();
      }
    }
    ps.setArray(i, ps.getConnection().createArrayOf(elementType, elements));
  }

  /** {@link #setArray} of strings for a {@code varchar(length)} column; see {@link Values#varchar}. */
  public static void setArray(PreparedStatement ps, int i, String elementType, Collection<?> values, String component,
      int length) throws SQLException {
    for (Object v : values) {
      if (v instanceof String s) {
        Values.varchar(s, length, component);
      }
    }
    setArray(ps, i, elementType, values, component);
  }

  /**
   * Checks every string element of every row's {@code varchar(length)[]} value, for paths that
   * send the arrays inside a text literal; see {@link Values#varchar}.
   */
  public static <T> void checkVarchars(List<T> rows, java.util.function.Function<? super T, ? extends List<?>> values,
      int length, String component) throws SQLException {
    for (T row : rows) {
      List<?> elements = values.apply(row);
      if (elements != null) {
        for (Object v : elements) {
          if (v instanceof String s) {
            Values.varchar(s, length, component);
          }
        }
      }
    }
  }

  /** {@link #setList} of strings for a {@code varchar(length)[]} column; see {@link Values#varchar}. */
  public static void setList(PreparedStatement ps, int i, String elementType, List<?> v, String component, int length)
      throws SQLException {
    if (v == null) {
      ps.setObject(i, typed("_" + elementType, null));
    } else {
      setArray(ps, i, elementType, v, component, length);
    }
  }

  /**
   * An array column: SQL {@code NULL} for {@code null}, else one array of {@code elementType}
   * (the empty list is the empty array).
   */
  public static void setList(PreparedStatement ps, int i, String elementType, List<?> v, String component)
      throws SQLException {
    if (v == null) ps.setObject(i, typed("_" + elementType, null)); else setArray(ps, i, elementType, v, component);
  }

  /** An element's PostgreSQL text form, checked as {@link #element} checks it, for array literals. */
  static String text(Object v, String component) {
    return String.valueOf(element(v, component));
  }

  /** One array element: checked and rounded as {@link Values} says, in text form where pgjdbc has none. */
  private static Object element(Object v, String component) {
    if (v instanceof String s) return Values.text(s, component);
    if (v instanceof Enum<?> e) return e.name();
    if (v instanceof byte[] b) return hex(b);
    if (v instanceof java.math.BigDecimal d) return Values.numeric(d, component);
    if (v instanceof Instant t) return Values.timestamptzText(Values.instant(t, component));
    if (v instanceof OffsetDateTime t) return Values.offsetDateTimeText(Values.offsetDateTime(t, component));
    if (v instanceof LocalDateTime t) return Values.localDateTimeText(Values.localDateTime(t, component));
    if (v instanceof LocalDate t) return Values.dateText(Values.localDate(t, component));
    if (v instanceof LocalTime t) return Values.timeText(t);
    if (v instanceof Duration d) return Intervals.text(d, component);
    return v;
  }

  /** bytea's text form: {@code \x} and two hex digits a byte. */
  private static String hex(byte[] bytes) {
    char[] digits = "0123456789abcdef".toCharArray();
    StringBuilder b = new StringBuilder(2 + bytes.length * 2).append("\\x");
    for (byte v : bytes) {
      b.append(digits[(v >> 4) & 0xF]).append(digits[v & 0xF]);
    }
    return b.toString();
  }
}
