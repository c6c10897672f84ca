package dev.quarry.processor.model;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;

/**
 * Declarative partitioning.
 *
 * @param mirror the {@code @Partitioned} annotation, for diagnostics
 * @param key the partition key column
 * @param strategy {@code RANGE}, {@code LIST} or {@code HASH}
 * @param interval the width of a time RANGE partition, such as {@code MONTHLY}
 * @param step the width of an integer RANGE partition
 * @param premake partitions kept ready ahead of the current one
 * @param retain partitions kept behind the current one; 0 keeps all
 * @param zone the zone time bounds are computed in
 * @param defaultPartition whether a DEFAULT partition catches the rest
 * @param modulus the number of HASH partitions
 * @param lists the LIST partitions
 * @param manager {@code BUILT_IN} or {@code PG_PARTMAN}
 */
public record PartitionModel(
    AnnotationMirror mirror,
    ColumnModel key,
    String strategy,
    String interval,
    long step,
    int premake,
    int retain,
    String zone,
    boolean defaultPartition,
    int modulus,
    List<ListPartition> lists,
    String manager) {

  /** One LIST partition: its name suffix and the key values it holds. */
  public record ListPartition(String name, List<String> values) {}

  public boolean isRange() {
    return strategy.equals("RANGE");
  }

  /** Whether the key is a point in time (or a date), as time RANGE partitions need. */
  public boolean timeKey() {
    return key.kind().isTimestamp() || key.kind() == ColumnKind.LOCAL_DATE;
  }
}
