package dev.quarry.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills every table of a schema with {@code rows} rows read from the catalog alone, so that
 * the planner sees tables of a realistic size whatever records declared them. Row {@code g}
 * holds values derived from {@code g} (distinct where a column is unique; text is
 * {@code to_hex(g)}, short enough for a {@code varchar(4)}; a nullable column NULL in nine rows
 * of ten), time values from
 * {@code base} on, one second apart. Foreign keys are not checked while filling
 * ({@code session_replication_role = replica}), CHECK constraints are dropped (they do not
 * change plans), and a partitioned table without a DEFAULT partition gets one, so that rows
 * outside its partitions still land. Ends with ANALYZE.
 */
final class TableFiller {
  private TableFiller() {}

  /** One column of a table, as the catalog describes it. */
  /** {@code base}: the type a domain is over (the type itself for any other), as {@code format_type} names it. */
  private record Column(String name, String type, char typtype, char category, String elementType, boolean identity,
      boolean notNull, String base) {}

  static void fill(Connection c, String schema, int rows) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET session_replication_role = replica");
      for (String constraint : strings(c, "SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname)"
          + " FROM pg_constraint WHERE contype = 'c' AND connamespace = '" + schema + "'::regnamespace"
          + " AND NOT coninhcount > 0")) {
        s.execute(constraint);
      }
      for (String parent : strings(c, "SELECT p.oid::regclass::text FROM pg_partitioned_table pt JOIN pg_class p ON p.oid = pt.partrelid"
          + " WHERE p.relnamespace = '" + schema + "'::regnamespace AND pt.partstrat <> 'h' AND pt.partdefid = 0"
          + " AND NOT p.relispartition")) {
        s.execute("CREATE TABLE " + quoteName("fill_default_" + Integer.toHexString(parent.hashCode())) + " PARTITION OF "
            + parent + " DEFAULT");
      }
      for (Map.Entry<String, List<Column>> table : tables(c, schema).entrySet()) {
        s.execute(insert(table.getKey(), table.getValue(), rows));
      }
      s.execute("RESET session_replication_role");
      s.execute("ANALYZE");
    }
  }

  private static String quoteName(String name) {
    return '"' + name + '"';
  }

  /** The tables that rows are inserted into: ordinary tables and partitioned parents, not partitions. */
  private static Map<String, List<Column>> tables(Connection c, String schema) throws SQLException {
    Map<String, List<Column>> tables = new LinkedHashMap<>();
    String sql = "SELECT r.oid::regclass::text, quote_ident(a.attname), format_type(a.atttypid, a.atttypmod),"
        + " bt.typtype, bt.typcategory, CASE WHEN bt.typelem <> 0 THEN format_type(bt.typelem, NULL) END,"
        + " a.attidentity <> '', a.attnotnull, format_type(bt.oid, NULL)"
        + " FROM pg_class r JOIN pg_attribute a ON a.attrelid = r.oid"
        + " JOIN pg_type t ON t.oid = a.atttypid"
        + " JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END"
        + " WHERE r.relnamespace = '" + schema + "'::regnamespace AND r.relkind IN ('r', 'p') AND NOT r.relispartition"
        + " AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''"
        + " ORDER BY r.oid, a.attnum";
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        tables.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Column(rs.getString(2), rs.getString(3),
            rs.getString(4).charAt(0), rs.getString(5).charAt(0), rs.getString(6), rs.getBoolean(7), rs.getBoolean(8), rs.getString(9)));
      }
    }
    return tables;
  }

  private static String insert(String table, List<Column> columns, int rows) {
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    boolean identity = false;
    for (Column column : columns) {
      names.add(column.name());
      String value = "CAST(" + value(column) + " AS " + column.type() + ")";
      // A nullable column is NULL in nine rows of ten: a soft-delete stamp marks few rows, as in life.
      values.add(column.notNull() ? value : "CASE WHEN g % 10 = 0 THEN " + value + " END");
      identity |= column.identity();
    }
    return "INSERT INTO " + table + " (" + String.join(", ", names) + ")" + (identity ? " OVERRIDING SYSTEM VALUE" : "")
        + " SELECT " + String.join(", ", values) + " FROM generate_series(1, " + rows + ") AS g";
  }

  /** An expression of {@code g} for one column. */
  private static String value(Column column) {
    if (column.typtype() == 'e') {
      return "(enum_range(NULL::" + column.type() + "))[1 + g % cardinality(enum_range(NULL::" + column.type() + "))]";
    }
    if (column.category() == 'A') {
      return "'{}'";
    }
    return valueOf(column.base());
  }

  /** An expression of {@code g} for a scalar type, named as {@code format_type} names it. */
  static String valueOf(String formattedType) {
    String type = formattedType.replaceAll("\\(.*\\)", "").replace(" without time zone", "");
    return switch (type) {
      case "smallint" -> "g % 30000";
      case "integer", "bigint", "numeric", "real", "double precision" -> "g";
      case "boolean" -> "g % 2 = 0";
      case "text", "character varying", "character", "citext", "name" -> "to_hex(g)";
      case "timestamp with time zone", "timestamp" -> "TIMESTAMPTZ '2026-01-01 00:00:00+00' + g * INTERVAL '1 second'";
      case "date" -> "DATE '2026-01-01' + g / 1000";
      case "time", "time with time zone" -> "TIME '00:00' + g * INTERVAL '1 second'";
      case "interval" -> "g * INTERVAL '1 second'";
      case "uuid" -> "md5(g::text)::uuid";
      case "jsonb", "json" -> "jsonb_build_object('n', g)";
      case "bytea" -> "int8send(g)";
      case "inet" -> "'10.0.0.0'::inet + g";
      case "bit varying" -> "CAST(g AS bit(32))";
      case "tsvector" -> "to_tsvector('simple', 'v' || g)";
      default -> throw new IllegalStateException("TableFiller has no value for type " + type + "; add one");
    };
  }

  /** The first column of every row {@code sql} returns. */
  static List<String> strings(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
