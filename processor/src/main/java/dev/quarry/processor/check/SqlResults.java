package dev.quarry.processor.check;

import dev.quarry.processor.check.SqlParameters.Column;
import dev.quarry.processor.model.ArrayModel;
import dev.quarry.processor.model.ColumnKind;
import dev.quarry.processor.model.ColumnModel;
import dev.quarry.processor.model.QueryModel;
import dev.quarry.processor.model.QueryModel.Shape;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Matches a statement's described result columns to the method's return type, as the DAO reads
 * them: by name for a record ({@code ResultSet.findColumn}, ignoring case), the first column for
 * a single value, each with the runtime's reader for the component's type.
 */
public final class SqlResults {
  private static final Set<String> INTEGERS = Set.of("int2", "int4", "int8", "numeric");
  private static final Set<String> NUMBERS = Set.of("int2", "int4", "int8", "numeric", "float4", "float8");

  private SqlResults() {}

  /**
   * A column's type as the server knows it.
   *
   * @param name the type's name ({@code pg_type.typname}); a domain's base type's
   * @param category {@code pg_type.typcategory}: {@code S} string, {@code E} enum, {@code A} array...
   * @param element an array's element type, else null
   */
  public record SqlType(String name, char category, SqlType element) {

    /** A type known by name alone, when the server cannot be asked. */
    static SqlType named(String name) {
      boolean array = name.startsWith("_");
      return new SqlType(name, array ? 'A' : '?', array ? named(name.substring(1)) : null);
    }
  }

  /** The problems of {@code q}'s result, each a message part; empty when it fits. */
  public static List<String> problems(QueryModel q, List<Column> columns, Function<String, SqlType> types) {
    List<String> problems = new ArrayList<>();
    List<String> labels = columns.stream().map(Column::label).toList();
    if (q.shape() == Shape.VOID || q.shape() == Shape.BATCH) {
      if (!labels.isEmpty()) {
        problems.add(Messages.sqlRowsUnread(q.shape() == Shape.BATCH ? "int[] for a batch" : "void", labels));
      }
      return problems;
    }
    if (q.shape() != Shape.LIST && q.shape() != Shape.OPTIONAL && q.shape() != Shape.ONE
        && q.shape() != Shape.STREAM) {
      return problems; // counts: a statement with RETURNING is read as rows instead (QueriesReader)
    }
    if (labels.isEmpty()) {
      problems.add(Messages.sqlNoColumns());
    } else if (q.scalar()) {
      if (labels.size() > 1) {
        problems.add(Messages.sqlScalarColumns(q.resultType().toString(), labels));
      }
      column(columns.get(0), q.resultColumns().get(0), types, problems);
    } else {
      for (ColumnModel c : q.resultColumns()) {
        int index = indexOf(labels, c.column());
        if (index < 0) {
          problems.add(Messages.sqlMissingColumn(c.name(), c.column(), labels));
        } else {
          column(columns.get(index), c, types, problems);
        }
      }
    }
    return problems;
  }

  /** pgjdbc's {@code findColumn} ignores case and takes the first of equal names; so does the check. */
  private static int indexOf(List<String> labels, String column) {
    for (int i = 0; i < labels.size(); i++) {
      if (labels.get(i).equalsIgnoreCase(column)) {
        return i;
      }
    }
    return -1;
  }

  private static void column(Column column, ColumnModel c, Function<String, SqlType> types, List<String> problems) {
    SqlType type = types.apply(column.type());
    if (!readable(c, type)) {
      problems.add(Messages.sqlColumnType(c.name(), column.label(), column.type(), c.type().toString()));
    }
    if (c.primitive() && column.nullableTableColumn()) {
      problems.add(Messages.sqlNullableIntoPrimitive(c.name(), column.label(), c.type().toString()));
    }
  }

  /** Whether the runtime's reader for {@code c} reads a column of {@code type}. */
  static boolean readable(ColumnModel c, SqlType type) {
    if (c.kind() == ColumnKind.ARRAY) {
      ArrayModel a = c.array().orElseThrow();
      return type.element() != null && readable(a.kind(), type.element());
    }
    return readable(c.kind(), type);
  }

  /**
   * Whether the runtime's reader for {@code kind} reads a column of {@code type} faithfully. The
   * readers are pgjdbc's getters: text reads anything; integers read from any integer type and
   * {@code numeric} (a {@code count} is {@code int8}, a {@code sum} of {@code int8}s {@code numeric}),
   * but not from floats, which pgjdbc cuts; the rest need their own type, or one PostgreSQL casts
   * to it without loss. pgjdbc reads some other pairs for some values (any column as bytes, digits
   * in text as a number); those are refused, since the type does not promise the value.
   */
  static boolean readable(ColumnKind kind, SqlType type) {
    String t = type.name();
    return switch (kind) {
      case BOOLEAN -> t.equals("bool");
      case SHORT, INT, LONG -> INTEGERS.contains(t);
      case FLOAT, DOUBLE, BIG_DECIMAL -> NUMBERS.contains(t);
      case STRING -> true;
      // char(n) pads the name with spaces, and valueOf finds no such constant
      case ENUM -> (isText(type) && !t.equals("bpchar")) || type.category() == 'E';
      case UUID -> t.equals("uuid");
      case INSTANT, OFFSET_DATE_TIME -> t.equals("timestamptz") || t.equals("timestamp");
      case LOCAL_DATE_TIME -> t.equals("timestamp");
      case LOCAL_DATE -> t.equals("date") || t.equals("timestamp"); // the date, as CAST(ts AS date)
      case LOCAL_TIME -> t.equals("time");
      case BYTES -> t.equals("bytea");
      case DURATION -> t.equals("interval") || t.equals("time"); // a time of day as CAST(t AS interval)
      case JSON -> t.equals("json") || t.equals("jsonb") || isText(type);
      case ARRAY -> type.element() != null;
    };
  }

  private static boolean isText(SqlType type) {
    return type.category() == 'S' || Set.of("text", "varchar", "bpchar", "name").contains(type.name());
  }

  /** Looks types up on {@code c}, once per name. */
  static Function<String, SqlType> lookup(Connection c) {
    Map<String, SqlType> known = new HashMap<>();
    return name -> known.computeIfAbsent(name, n -> find(c, serialBase(n)));
  }

  /** pgjdbc names an identity or serial column's type after its default: that is still an integer. */
  private static String serialBase(String type) {
    return switch (type) {
      case "bigserial" -> "int8";
      case "serial" -> "int4";
      case "smallserial" -> "int2";
      default -> type;
    };
  }

  /**
   * A domain counts as its base type and an array as its elements: PostgreSQL describes a
   * domain's column as the base type, but an array of a domain as the domain's array.
   */
  private static SqlType find(Connection c, String name) {
    String sql = """
        SELECT b.typname, b.typcategory, e.typname, e.typcategory
        FROM pg_type t
        JOIN pg_type b ON b.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
        LEFT JOIN pg_type d ON d.oid = b.typelem AND b.typcategory = 'A'
        LEFT JOIN pg_type e ON e.oid = CASE WHEN d.typtype = 'd' THEN d.typbasetype ELSE d.oid END
        WHERE t.oid = CAST(? AS regtype)""";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return SqlType.named(name);
        }
        SqlType element = rs.getString(3) == null ? null
            : new SqlType(rs.getString(3), rs.getString(4).charAt(0), null);
        return new SqlType(rs.getString(1), rs.getString(2).charAt(0), element);
      }
    } catch (SQLException e) {
      return SqlType.named(name);
    }
  }
}
