package dev.quarry.runtime.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One table as {@code pg_catalog} describes it, found through the connection's
 * {@code search_path} as an unqualified name would be. Types are as {@code format_type} prints
 * them, expressions as {@code pg_get_expr} and {@code pg_get_constraintdef} print them.
 *
 * @param oid the table's oid
 * @param columns by name, in column order
 * @param constraints by name
 * @param indexes by name
 * @param partitioning {@code "RANGE (occurred_at)"} and the like, if partitioned
 * @param partitions the names of its partitions
 */
public record LiveTable(long oid, Map<String, Column> columns, Map<String, Constraint> constraints,
    Map<String, Index> indexes, Optional<String> partitioning, List<String> partitions) {

  /** A column; {@code defaultValue} and {@code generated} are null when absent. */
  public record Column(String name, String type, boolean notNull, String defaultValue, boolean identity,
      String generated) {}

  /**
   * A constraint; {@code type} is {@code p}, {@code u}, {@code f} or {@code c} as in
   * {@code pg_constraint.contype}; {@code onDelete} is the {@code ON DELETE} action of a foreign key.
   */
  public record Constraint(String name, char type, String definition, List<String> columns, String targetTable,
      List<String> targetColumns, String onDelete, boolean validated) {}

  /** An index; {@code where} is {@code ""} when it is not partial; expression keys are {@code null} columns. */
  public record Index(String name, boolean unique, boolean valid, boolean primary, List<String> columns, String where,
      String method) {}

  /** The table, or empty when the name finds no table on the search path. */
  public static Optional<LiveTable> read(Connection c, String table) throws SQLException {
    long oid;
    try (PreparedStatement s = c.prepareStatement(
        "SELECT c.oid FROM pg_class c WHERE c.oid = to_regclass(quote_ident(?)) AND c.relkind IN ('r', 'p')")) {
      s.setString(1, table);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        oid = rs.getLong(1);
      }
    }
    return Optional.of(new LiveTable(oid, columns(c, oid), constraints(c, oid), indexes(c, oid),
        partitioning(c, oid), partitions(c, oid)));
  }

  private static Map<String, Column> columns(Connection c, long oid) throws SQLException {
    Map<String, Column> columns = new LinkedHashMap<>();
    String sql = "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
        + "pg_get_expr(d.adbin, d.adrelid), a.attidentity <> '', a.attgenerated <> '' "
        + "FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
        + "WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, oid);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          boolean generated = rs.getBoolean(6);
          String expression = rs.getString(4);
          columns.put(rs.getString(1), new Column(rs.getString(1), rs.getString(2), rs.getBoolean(3),
              generated ? null : expression, rs.getBoolean(5), generated ? expression : null));
        }
      }
    }
    return columns;
  }

  private static Map<String, Constraint> constraints(Connection c, long oid) throws SQLException {
    Map<String, Constraint> constraints = new LinkedHashMap<>();
    String sql = "SELECT k.conname, k.contype, pg_get_constraintdef(k.oid), "
        + attributeNames("k.conkey", "k.conrelid") + ", t.relname, " + attributeNames("k.confkey", "k.confrelid")
        + ", k.confdeltype, k.convalidated "
        + "FROM pg_constraint k LEFT JOIN pg_class t ON t.oid = k.confrelid "
        + "WHERE k.conrelid = ? AND k.contype IN ('p', 'u', 'f', 'c') ORDER BY k.conname";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, oid);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          constraints.put(rs.getString(1), new Constraint(rs.getString(1), rs.getString(2).charAt(0), rs.getString(3),
              strings(rs.getArray(4)), rs.getString(5), strings(rs.getArray(6)), onDelete(rs.getString(7)),
              rs.getBoolean(8)));
        }
      }
    }
    return constraints;
  }

  private static Map<String, Index> indexes(Connection c, long oid) throws SQLException {
    Map<String, Index> indexes = new LinkedHashMap<>();
    String sql = "SELECT ic.relname, i.indisunique, i.indisvalid, i.indisprimary, "
        + "ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY x(n, o) "
        + "LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = x.n ORDER BY x.o), "
        + "coalesce(pg_get_expr(i.indpred, i.indrelid), ''), am.amname "
        + "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam "
        + "WHERE i.indrelid = ? ORDER BY ic.relname";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, oid);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          indexes.put(rs.getString(1), new Index(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4),
              strings(rs.getArray(5)), rs.getString(6), rs.getString(7)));
        }
      }
    }
    return indexes;
  }

  private static Optional<String> partitioning(Connection c, long oid) throws SQLException {
    String sql = "SELECT CASE p.partstrat WHEN 'r' THEN 'RANGE' WHEN 'l' THEN 'LIST' ELSE 'HASH' END || ' (' || "
        + "array_to_string(" + attributeNames("p.partattrs::int2[]", "p.partrelid") + ", ', ') || ')' "
        + "FROM pg_partitioned_table p WHERE p.partrelid = ?";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, oid);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  private static List<String> partitions(Connection c, long oid) throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT c.relname FROM pg_inherits i JOIN pg_class c "
        + "ON c.oid = i.inhrelid WHERE i.inhparent = ? ORDER BY c.relname")) {
      s.setLong(1, oid);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    return names;
  }

  /** The names of the attributes an {@code int2[]} of attribute numbers lists, in order. */
  private static String attributeNames(String numbers, String relation) {
    return "ARRAY(SELECT a.attname::text FROM unnest(" + numbers + ") WITH ORDINALITY x(n, o) "
        + "JOIN pg_attribute a ON a.attrelid = " + relation + " AND a.attnum = x.n ORDER BY x.o)";
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  private static String onDelete(String code) {
    if (code == null) {
      return null;
    }
    return switch (code) {
      case "c" -> "CASCADE";
      case "n" -> "SET NULL";
      case "d" -> "SET DEFAULT";
      case "r" -> "RESTRICT";
      default -> "NO ACTION";
    };
  }
}
