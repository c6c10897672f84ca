package dev.quarry.runtime.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a partitioned table's partitions and bounds from the catalog. Bounds are never parsed
 * from names. The caller's transaction must have {@code TimeZone} UTC and {@code DateStyle} ISO,
 * because {@code pg_get_expr} prints timestamptz bounds in the session's zone.
 */
public final class PartitionCatalog {
  /** One partition. {@code from}/{@code to} are the RANGE bound texts, null otherwise. */
  public record Partition(String name, String bound, boolean isDefault, boolean detachPending, long rows,
      String from, String to) {}

  static final String PARTITIONS = """
      SELECT ch.relname, pg_catalog.pg_get_expr(ch.relpartbound, ch.oid), ch.oid = pt.partdefid,
             i.inhdetachpending, greatest(ch.reltuples, 0)::bigint,
             (regexp_match(pg_catalog.pg_get_expr(ch.relpartbound, ch.oid), '^FOR VALUES FROM \\((.*)\\) TO \\((.*)\\)$'))[1],
             (regexp_match(pg_catalog.pg_get_expr(ch.relpartbound, ch.oid), '^FOR VALUES FROM \\((.*)\\) TO \\((.*)\\)$'))[2]
      FROM pg_catalog.pg_partitioned_table pt
      JOIN pg_catalog.pg_inherits i ON i.inhparent = pt.partrelid
      JOIN pg_catalog.pg_class ch ON ch.oid = i.inhrelid
      WHERE pt.partrelid = to_regclass(?)
      ORDER BY ch.relname""";

  private PartitionCatalog() {}

  /** Every partition of {@code table} (as the session's search_path resolves it). */
  public static List<Partition> partitions(Connection c, String table) throws SQLException {
    List<Partition> partitions = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(PARTITIONS)) {
      ps.setString(1, quote(table));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          partitions.add(new Partition(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4),
              rs.getLong(5), unquote(rs.getString(6)), unquote(rs.getString(7))));
        }
      }
    }
    return partitions;
  }

  /** Whether a relation of this name exists in the current schema. */
  public static boolean exists(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      ps.setString(1, quote(name));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** {@code '2026-01-01 00:00:00+00'} to its text; {@code 0} and {@code MINVALUE} stay. */
  private static String unquote(String literal) {
    if (literal == null) {
      return null;
    }
    return literal.startsWith("'") && literal.endsWith("'") ? literal.substring(1, literal.length() - 1) : literal;
  }

  /** An identifier as SQL text, always quoted: names here come from the processor, not users. */
  public static String quote(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
