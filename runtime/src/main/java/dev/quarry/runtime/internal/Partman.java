package dev.quarry.runtime.internal;

import dev.quarry.runtime.Database;
import dev.quarry.runtime.MaintenanceReport;
import dev.quarry.runtime.QuarryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code manager = PG_PARTMAN}: registers the table with pg_partman once ({@code create_parent}
 * with named arguments, in the 4.x or the 5.x form), configures retention and
 * {@code infinite_time_partitions}, and runs its maintenance for the table. pg_partman computes
 * "now" itself and names partitions its own way.
 */
public final class Partman {
  private Partman() {}

  /** The installed pg_partman: its major version and schema. */
  public record Installed(int major, String schema) {}

  public static MaintenanceReport maintain(Database db, PartitionSpec spec, Instant now) {
    return db.transaction(() -> db.withConnection(c -> {
      try {
        return maintain(c, spec, now);
      } catch (SQLException e) {
        throw SqlStates.translate(e, "PartitionManager.maintain", "pg_partman maintenance of " + spec.table());
      }
    }));
  }

  private static MaintenanceReport maintain(Connection c, PartitionSpec spec, Instant now) throws SQLException {
    execute(c, "SET LOCAL TimeZone = " + literal(spec.zone()));
    Installed partman = detect(c);
    String parent = currentSchema(c) + "." + spec.table();
    List<String> before = names(c, spec);
    if (!registered(c, partman, parent)) {
      String start = spec.timeKey()
          ? new PartitionSlots(spec).slotOf(now).lowerLiteral().replace("'", "")
          : "0";
      execute(c, createParent(partman, parent, spec, start));
      execute(c, configure(partman, parent, spec));
    }
    execute(c, "SELECT " + PartitionCatalog.quote(partman.schema()) + ".run_maintenance(p_parent_table => "
        + literal(parent) + ", p_analyze => false, p_jobmon => false)");
    List<String> after = names(c, spec);
    List<String> created = new ArrayList<>(after);
    created.removeAll(before);
    List<String> dropped = new ArrayList<>(before);
    dropped.removeAll(after);
    return new MaintenanceReport(created, dropped, List.of());
  }

  /**
   * {@code PartitionManager.ensure} under pg_partman: {@code create_partition_time} with the
   * lower bound of every slot to cover (named arguments, the same in 4.x and 5.x); pg_partman
   * names and bounds them its own way and skips those that exist.
   */
  public static MaintenanceReport ensure(Database db, PartitionSpec spec, List<PartitionSlots.Slot> slots) {
    return db.transaction(() -> db.withConnection(c -> {
      try {
        execute(c, "SET LOCAL TimeZone = " + literal(spec.zone()));
        Installed partman = detect(c);
        List<String> before = names(c, spec);
        String times = String.join(", ", slots.stream().map(s -> s.lowerLiteral() + "::timestamptz").toList());
        execute(c, "SELECT " + PartitionCatalog.quote(partman.schema()) + ".create_partition_time(p_parent_table => "
            + literal(currentSchema(c) + "." + spec.table()) + ", p_partition_times => ARRAY[" + times + "])");
        List<String> created = new ArrayList<>(names(c, spec));
        created.removeAll(before);
        return new MaintenanceReport(created, List.of(), List.of());
      } catch (SQLException e) {
        throw SqlStates.translate(e, "PartitionManager.ensure", "pg_partman create_partition_time for " + spec.table());
      }
    }));
  }

  /** The installed extension, or a failure that says how to install it. */
  public static Installed detect(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT e.extversion, n.nspname FROM pg_catalog.pg_extension e "
            + "JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_partman'")) {
      if (!rs.next()) {
        throw new QuarryException("manager = PG_PARTMAN, but pg_partman is not installed in this database: "
            + "CREATE SCHEMA partman; CREATE EXTENSION pg_partman SCHEMA partman", null, null, null);
      }
      return new Installed(Integer.parseInt(rs.getString(1).split("\\.")[0]), rs.getString(2));
    }
  }

  /**
   * {@code create_parent} with named arguments, so one call shape works across versions: 4.x
   * takes {@code p_type => 'native'} and always makes a DEFAULT; 5.x takes {@code 'range'} and
   * {@code p_default_table}. Intervals are interval strings, which both accept; weekly and
   * quarterly sets pass {@code p_date_trunc_interval} so they start on a Monday / a quarter.
   */
  public static String createParent(Installed partman, String parent, PartitionSpec spec, String start) {
    StringBuilder sql = new StringBuilder("SELECT ").append(PartitionCatalog.quote(partman.schema()))
        .append(".create_parent(p_parent_table => ").append(literal(parent))
        .append(", p_control => ").append(literal(spec.column()))
        .append(", p_type => ").append(literal(partman.major() >= 5 ? "range" : "native"))
        .append(", p_interval => ").append(literal(interval(spec, 1)))
        .append(", p_premake => ").append(spec.premake())
        .append(", p_start_partition => ").append(literal(start));
    if (partman.major() >= 5) {
      sql.append(", p_default_table => ").append(spec.defaultPartition());
    }
    String trunc = spec.interval().equals("WEEKLY") ? "week" : spec.interval().equals("QUARTERLY") ? "quarter" : null;
    if (spec.timeKey() && trunc != null) {
      sql.append(", p_date_trunc_interval => ").append(literal(trunc));
    }
    return sql.append(", p_jobmon => false)").toString();
  }

  /**
   * Retention that drops (not only detaches, 4.x's default), and premake counted from now
   * rather than from the newest row, so an idle table still gets its future partitions.
   */
  public static String configure(Installed partman, String parent, PartitionSpec spec) {
    String retention = spec.retain() > 0 ? literal(interval(spec, spec.retain())) : "NULL";
    return "UPDATE " + PartitionCatalog.quote(partman.schema()) + ".part_config SET retention = " + retention
        + ", retention_keep_table = false, retention_keep_index = false"
        + (spec.timeKey() ? ", infinite_time_partitions = true" : "") + " WHERE parent_table = " + literal(parent);
  }

  /** {@code n} partitions' width as an interval (or integer) string. */
  static String interval(PartitionSpec spec, int n) {
    if (!spec.timeKey()) {
      return Long.toString(spec.step() * n);
    }
    switch (spec.interval()) {
      case "HOURLY": return n + " hour" + (n == 1 ? "" : "s");
      case "DAILY": return n + " day" + (n == 1 ? "" : "s");
      case "WEEKLY": return n + " week" + (n == 1 ? "" : "s");
      case "QUARTERLY": return (3 * n) + " months";
      case "YEARLY": return n + " year" + (n == 1 ? "" : "s");
      default: return n + " month" + (n == 1 ? "" : "s");
    }
  }

  private static boolean registered(Connection c, Installed partman, String parent) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM "
        + PartitionCatalog.quote(partman.schema()) + ".part_config WHERE parent_table = ?)")) {
      ps.setString(1, parent);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static List<String> names(Connection c, PartitionSpec spec) throws SQLException {
    return PartitionCatalog.partitions(c, spec.table()).stream().map(PartitionCatalog.Partition::name).toList();
  }

  private static String currentSchema(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_schema()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
