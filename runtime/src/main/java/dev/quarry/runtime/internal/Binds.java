package dev.quarry.runtime.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.UUID;

/**
 * Binds the supported Java types, {@code null} included, the way PostgreSQL stores them.
 * Primitives are bound by generated code directly; these cover the boxed and object types.
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

  /** Text; a {@code NUL} character, which {@code text} cannot hold, fails in the server (22021). */
  public static void setString(PreparedStatement ps, int i, String v) throws SQLException {
    if (v == null) ps.setNull(i, Types.VARCHAR); else ps.setString(i, v);
  }

  /** An enum as its {@code name()}. */
  public static void setEnum(PreparedStatement ps, int i, Enum<?> v) throws SQLException {
    if (v == null) ps.setNull(i, Types.VARCHAR); else ps.setString(i, v.name());
  }

  public static void setUuid(PreparedStatement ps, int i, UUID v) throws SQLException {
    if (v == null) ps.setNull(i, Types.OTHER); else ps.setObject(i, v);
  }

  /**
   * An {@code Instant} as {@code timestamptz}. pgjdbc has no binding for {@code Instant}; an
   * {@code OffsetDateTime} in UTC keeps every microsecond PostgreSQL can store.
   */
  public static void setInstant(PreparedStatement ps, int i, Instant v) throws SQLException {
    if (v == null) ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
    else ps.setObject(i, OffsetDateTime.ofInstant(v, ZoneOffset.UTC));
  }

  public static void setOffsetDateTime(PreparedStatement ps, int i, OffsetDateTime v) throws SQLException {
    if (v == null) ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE); else ps.setObject(i, v);
  }

  public static void setLocalDateTime(PreparedStatement ps, int i, LocalDateTime v) throws SQLException {
    if (v == null) ps.setNull(i, Types.TIMESTAMP); else ps.setObject(i, v);
  }

  public static void setLocalDate(PreparedStatement ps, int i, LocalDate v) throws SQLException {
    if (v == null) ps.setNull(i, Types.DATE); else ps.setObject(i, v);
  }

  public static void setLocalTime(PreparedStatement ps, int i, LocalTime v) throws SQLException {
    if (v == null) ps.setNull(i, Types.TIME); else ps.setObject(i, v);
  }

  public static void setBigDecimal(PreparedStatement ps, int i, java.math.BigDecimal v) throws SQLException {
    if (v == null) ps.setNull(i, Types.NUMERIC); else ps.setBigDecimal(i, v);
  }

  public static void setBytes(PreparedStatement ps, int i, byte[] v) throws SQLException {
    if (v == null) ps.setNull(i, Types.BINARY); else ps.setBytes(i, v);
  }

  /**
   * Binds a collection as one SQL array of {@code elementType}, for {@code = ANY(?)}: one
   * statement text whatever the size, so the server-side statement cache stays small.
   * Elements pgjdbc cannot encode itself (time types, enums) travel as their text form, which
   * PostgreSQL parses into {@code elementType}.
   */
  public static void setArray(PreparedStatement ps, int i, String elementType, Collection<?> values)
      throws SQLException {
    Object[] elements = new Object[values.size()];
    int n = 0;
    boolean text = false;
    for (Object v : values) {
      if (v instanceof Temporal || v instanceof Enum<?> || v instanceof byte[]) {
        text = true;
      }
      elements[n++] = v;
    }
    if (text) {
      String[] strings = new String[elements.length];
      for (int k = 0; k < elements.length; k++) {
        Object v = elements[k];
        strings[k] = v == null ? null : v instanceof Enum<?> e ? e.name() : v instanceof byte[] b ? hex(b) : v.toString();
      }
      elements = strings;
    }
    ps.setArray(i, ps.getConnection().createArrayOf(elementType, elements));
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
