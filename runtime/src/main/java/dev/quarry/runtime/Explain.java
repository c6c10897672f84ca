package dev.quarry.runtime;

import dev.quarry.runtime.internal.SqlStates;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What PostgreSQL would do with a statement: for checking that an index is used, or that a
 * range query prunes partitions ("Not using EXPLAIN: verify pruning works. Don't assume").
 * Parameters are bound as a DAO binds them, so the plan is the one the DAO gets.
 */
public final class Explain {
  private static final Pattern SCAN = Pattern.compile("(?:Seq Scan|Index Scan|Index Only Scan|Bitmap Heap Scan|"
      + "Tid Scan|Tid Range Scan|Sample Scan)(?: Backward)?(?: using \\S+)? on (\\S+)");

  private Explain() {}

  /** The lines of {@code EXPLAIN} for {@code sql} with {@code params} bound. */
  public static List<String> plan(Database db, String sql, Object... params) {
    return db.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
        for (int i = 0; i < params.length; i++) {
          Object p = params[i];
          ps.setObject(i + 1, p instanceof Instant t ? OffsetDateTime.ofInstant(t, ZoneOffset.UTC)
              : p instanceof Enum<?> e ? e.name() : p);
        }
        List<String> lines = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            lines.add(rs.getString(1));
          }
        }
        return lines;
      } catch (SQLException e) {
        throw SqlStates.translate(e, "Explain.plan", sql);
      }
    });
  }

  /**
   * The tables (partitions, for a partitioned table) the statement would scan, in plan order,
   * after the planner's pruning. Partitions pruned only at execution time ("Subplans Removed")
   * are still listed; pass literal-like parameters to see plan-time pruning.
   */
  public static List<String> scannedPartitions(Database db, String sql, Object... params) {
    return scanned(plan(db, sql, params));
  }

  /** The tables the scan nodes of an {@code EXPLAIN} text output read, in plan order. */
  public static List<String> scanned(List<String> plan) {
    LinkedHashSet<String> scanned = new LinkedHashSet<>();
    for (String line : plan) {
      Matcher m = SCAN.matcher(line);
      if (m.find()) {
        scanned.add(m.group(1));
      }
    }
    return List.copyOf(scanned);
  }

  /**
   * On a Citus coordinator, the number of shards the statement would run on: the sum of the
   * {@code Task Count} of each distributed step in its {@code EXPLAIN}. A finder that filters
   * by the distribution column gives 1 (a router query); a read that fans out gives the shard
   * count (32 by default, Citus' {@code citus.shard_count}). A statement over tables that are
   * not distributed (or any statement on PostgreSQL without Citus) gives 0: it runs on one
   * server and no shard. Parameters are bound as for {@link #plan}.
   */
  public static int shardsTouched(Database db, String sql, Object... params) {
    return taskCount(plan(db, sql, params));
  }

  /** The summed {@code Task Count} lines of a Citus {@code EXPLAIN} text output. */
  static int taskCount(List<String> plan) {
    int tasks = 0;
    for (String line : plan) {
      Matcher m = TASK_COUNT.matcher(line);
      if (m.find()) {
        tasks += Integer.parseInt(m.group(1));
      }
    }
    return tasks;
  }

  private static final Pattern TASK_COUNT = Pattern.compile("^\\s*(?:->\\s*)?Task Count: (\\d+)");
}
