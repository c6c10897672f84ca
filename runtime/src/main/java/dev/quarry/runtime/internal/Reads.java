package dev.quarry.runtime.internal;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Reads the supported Java types by column index, {@code NULL} as {@code null}. */
public final class Reads {
  private Reads() {}

  public static Boolean getBoolean(ResultSet rs, int i) throws SQLException {
    boolean v = rs.getBoolean(i);
    return rs.wasNull() ? null : v;
  }

  public static Short getShort(ResultSet rs, int i) throws SQLException {
    short v = rs.getShort(i);
    return rs.wasNull() ? null : v;
  }

  public static Integer getInt(ResultSet rs, int i) throws SQLException {
    int v = rs.getInt(i);
    return rs.wasNull() ? null : v;
  }

  public static Long getLong(ResultSet rs, int i) throws SQLException {
    long v = rs.getLong(i);
    return rs.wasNull() ? null : v;
  }

  public static Float getFloat(ResultSet rs, int i) throws SQLException {
    float v = rs.getFloat(i);
    return rs.wasNull() ? null : v;
  }

  public static Double getDouble(ResultSet rs, int i) throws SQLException {
    double v = rs.getDouble(i);
    return rs.wasNull() ? null : v;
  }

  /*
   * A primitive component's value. pgjdbc reads a NULL as 0 (or false), which a primitive would
   * hold as if it had been stored; it is refused instead (SQLSTATE 22004, null value not allowed).
   * A LEFT JOIN that finds no row, an aggregate over no rows, or a column made nullable after
   * compilation all yield one, and the compile-time check sees only table columns declared
   * nullable. Only a zero asks the driver whether it was NULL.
   */

  /** A {@code boolean} component: a NULL is refused (22004), never read as false. */
  public static boolean booleanValue(ResultSet rs, int i, String component) throws SQLException {
    boolean v = rs.getBoolean(i);
    if (!v && rs.wasNull()) {
      throw nullIntoPrimitive(rs, i, component, "boolean", "Boolean");
    }
    return v;
  }

  /** A {@code short} component: a NULL is refused (22004), never read as 0. */
  public static short shortValue(ResultSet rs, int i, String component) throws SQLException {
    short v = rs.getShort(i);
    if (v == 0 && rs.wasNull()) {
      throw nullIntoPrimitive(rs, i, component, "short", "Short");
    }
    return v;
  }

  /** A {@code int} component: a NULL is refused (22004), never read as 0. */
  public static int intValue(ResultSet rs, int i, String component) throws SQLException {
    int v = rs.getInt(i);
    if (v == 0 && rs.wasNull()) {
      throw nullIntoPrimitive(rs, i, component, "int", "Integer");
    }
    return v;
  }

  /** A {@code long} component: a NULL is refused (22004), never read as 0. */
  public static long longValue(ResultSet rs, int i, String component) throws SQLException {
    long v = rs.getLong(i);
    if (v == 0 && rs.wasNull()) {
      throw nullIntoPrimitive(rs, i, component, "long", "Long");
    }
    return v;
  }

  /** A {@code float} component: a NULL is refused (22004), never read as 0. */
  public static float floatValue(ResultSet rs, int i, String component) throws SQLException {
    float v = rs.getFloat(i);
    if (v == 0 && rs.wasNull()) {
      throw nullIntoPrimitive(rs, i, component, "float", "Float");
    }
    return v;
  }

  /** A {@code double} component: a NULL is refused (22004), never read as 0. */
  public static double doubleValue(ResultSet rs, int i, String component) throws SQLException {
    double v = rs.getDouble(i);
    if (v == 0 && rs.wasNull()) {
      throw nullIntoPrimitive(rs, i, component, "double", "Double");
    }
    return v;
  }

  private static ValueFailure nullIntoPrimitive(ResultSet rs, int i, String component, String type, String boxed)
      throws SQLException {
    return new ValueFailure("column " + rs.getMetaData().getColumnLabel(i) + " is NULL, but " + component + " is of type "
        + type + ", which cannot hold NULL (pgjdbc would read it as " + ("boolean".equals(type) ? "false" : "0")
        + "); declare it @Nullable " + boxed + ", or give the column a value in the SQL (COALESCE)", "22004");
  }

  public static String getString(ResultSet rs, int i) throws SQLException {
    return rs.getString(i);
  }

  /** An enum stored as its {@code name()}. */
  public static <E extends Enum<E>> E getEnum(ResultSet rs, int i, Function<String, E> valueOf)
      throws SQLException {
    String name = rs.getString(i);
    return name == null ? null : valueOf.apply(name);
  }

  public static UUID getUuid(ResultSet rs, int i) throws SQLException {
    return rs.getObject(i, UUID.class);
  }

  /*
   * pgjdbc cannot read a February 29 of a BC leap year in text form (see TimeTexts); the readers of
   * dates and date-times read PostgreSQL's text themselves when it throws.
   */

  /** A {@code timestamptz}; {@code infinity} and {@code -infinity} read as {@code Instant.MAX} and {@code MIN}. */
  public static Instant getInstant(ResultSet rs, int i) throws SQLException {
    OffsetDateTime v = getOffsetDateTime(rs, i);
    if (v == null) {
      return null;
    }
    // pgjdbc reads infinity as OffsetDateTime.MAX/MIN, whose instants are not Instant.MAX/MIN.
    return v.equals(OffsetDateTime.MAX) ? Instant.MAX : v.equals(OffsetDateTime.MIN) ? Instant.MIN : v.toInstant();
  }

  /** A {@code timestamptz}; PostgreSQL keeps the instant, not the offset, so this is in UTC. */
  public static OffsetDateTime getOffsetDateTime(ResultSet rs, int i) throws SQLException {
    try {
      return rs.getObject(i, OffsetDateTime.class);
    } catch (DateTimeException bcLeapDay) {
      return TimeTexts.timestamptz(rs.getString(i));
    }
  }

  public static LocalDateTime getLocalDateTime(ResultSet rs, int i) throws SQLException {
    try {
      return rs.getObject(i, LocalDateTime.class);
    } catch (DateTimeException bcLeapDay) {
      return TimeTexts.timestamp(rs.getString(i));
    }
  }

  public static LocalDate getLocalDate(ResultSet rs, int i) throws SQLException {
    try {
      return rs.getObject(i, LocalDate.class);
    } catch (DateTimeException bcLeapDay) {
      return TimeTexts.date(rs.getString(i));
    }
  }

  public static LocalTime getLocalTime(ResultSet rs, int i) throws SQLException {
    return rs.getObject(i, LocalTime.class);
  }

  /**
   * An {@code interval} as a {@code Duration}, a day counted as 24 hours.
   *
   * @throws SQLException SQLSTATE 22015 when the interval has months or years
   */
  public static Duration getDuration(ResultSet rs, int i) throws SQLException {
    String text = rs.getString(i);
    return text == null ? null : Intervals.parse(text, rs.getMetaData().getColumnLabel(i));
  }

  public static BigDecimal getBigDecimal(ResultSet rs, int i) throws SQLException {
    return rs.getBigDecimal(i);
  }

  public static byte[] getBytes(ResultSet rs, int i) throws SQLException {
    return rs.getBytes(i);
  }

  /**
   * An array column, element by element: each element is read by {@code element} from column 2
   * of the array's own result set, with the same reader (and rules) as a scalar column of its
   * type. SQL {@code NULL} is {@code null}; the empty array is an empty list.
   *
   * @param nullElements whether elements may be NULL (the element type is {@code @Nullable})
   * @throws SQLException SQLSTATE 22004 when an element is NULL and may not be
   */
  public static <T> List<T> getList(ResultSet rs, int i, RowMapper<T> element, boolean nullElements)
      throws SQLException {
    Array array = rs.getArray(i);
    if (array == null) {
      return null;
    }
    try (ResultSet elements = array.getResultSet()) {
      List<T> values = new ArrayList<>();
      while (elements.next()) {
        T v = element.map(elements);
        if (v == null && !nullElements) {
          throw new ValueFailure("the array in column " + rs.getMetaData().getColumnLabel(i) + " holds a NULL "
              + "element, but the component's element type is not @Nullable; declare it nullable "
              + "(List<@Nullable T>) or keep NULLs out of the column", "22004");
        }
        values.add(v);
      }
      return values;
    } finally {
      array.free();
    }
  }
}
