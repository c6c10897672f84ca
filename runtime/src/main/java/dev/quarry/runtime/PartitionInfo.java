package dev.quarry.runtime;

/**
 * One partition, as the catalog describes it.
 *
 * @param name the partition's table name
 * @param bound its bound as PostgreSQL prints it, e.g. {@code FOR VALUES FROM ('2026-01-01 00:00:00+00') TO (...)}
 * @param isDefault whether it is the DEFAULT partition
 * @param rows the planner's row estimate (0 before the first ANALYZE)
 */
public record PartitionInfo(String name, String bound, boolean isDefault, long rows) {}
