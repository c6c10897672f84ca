package dev.quarry.runtime.internal;

import java.util.List;

/**
 * A table's {@code @Partitioned} declaration as the runtime needs it; generated DAOs hold one.
 *
 * @param table the parent table, unquoted
 * @param prefix what partition names start with (the table name, shortened if needed)
 * @param column the partition key column, unquoted
 * @param keyType the key's SQL type: timestamptz, timestamp, date, bigint, integer or smallint
 * @param strategy RANGE, LIST or HASH
 * @param interval HOURLY .. YEARLY for time keys
 * @param step the width of an integer range partition
 * @param premake partitions kept ready ahead of the current one
 * @param retain partitions kept behind the current one; 0 keeps all
 * @param zone the zone time bounds are computed in
 * @param defaultPartition whether the table has a DEFAULT partition
 * @param manager BUILT_IN or PG_PARTMAN
 * @param columns every stored column (not generated ones), for moving rows out of the DEFAULT
 */
public record PartitionSpec(String table, String prefix, String column, String keyType, String strategy,
    String interval, long step, int premake, int retain, String zone, boolean defaultPartition, String manager,
    List<String> columns) {

  public boolean isRange() {
    return strategy.equals("RANGE");
  }

  public boolean timeKey() {
    return keyType.equals("timestamptz") || keyType.equals("timestamp") || keyType.equals("date");
  }
}
