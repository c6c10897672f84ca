package dev.quarry.processor.model;

import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;

/**
 * Where a table lives on a Citus cluster, and where the tables it references live. Present on
 * a {@link TableModel} when the record is {@code @Distributed} or {@code @Reference}, or when
 * it references a table that is.
 *
 * @param mirror the {@code @Distributed}/{@code @Reference} annotation, {@code null} for a local table
 * @param placement this table's placement
 * @param column the distribution column ({@code DISTRIBUTED} only)
 * @param colocateWith the table named by {@code colocateWith}, if any
 * @param targets the placement of every table this one references, by the referenced record's qualified name
 * @param fanOutSuppressed whether the record carries {@code @SuppressWarnings("QuarryDistributedFanOut")}
 */
public record DistributionModel(
    AnnotationMirror mirror,
    Placement placement,
    Optional<ColumnModel> column,
    Optional<Colocation> colocateWith,
    Map<String, Placement> targets,
    boolean fanOutSuppressed) {

  /** How a table is stored on a Citus cluster. */
  public enum Kind { LOCAL, REFERENCE, DISTRIBUTED }

  /**
   * One table's placement.
   *
   * @param kind local, reference or distributed
   * @param column the distribution column's name ({@code ""} unless distributed)
   * @param columnType the distribution column's SQL type ({@code ""} unless distributed)
   * @param colocationGroup the qualified name of the record at the end of the {@code colocateWith}
   *     chain, which stands for the group ({@code ""} unless distributed)
   */
  public record Placement(Kind kind, String column, String columnType, String colocationGroup) {
    public static final Placement LOCAL = new Placement(Kind.LOCAL, "", "", "");

    public boolean distributed() {
      return kind == Kind.DISTRIBUTED;
    }
  }

  /**
   * The table a distributed table is colocated with.
   *
   * @param record its record's qualified name
   * @param table its table name
   * @param placement its placement ({@code LOCAL} when it is not {@code @Distributed}: an error)
   */
  public record Colocation(String record, String table, Placement placement) {}

  public boolean isDistributed() {
    return placement.distributed();
  }

  public boolean isReference() {
    return placement.kind() == Kind.REFERENCE;
  }

  /** Whether this table itself is on Citus (distributed or reference). */
  public boolean isCitus() {
    return placement.kind() != Kind.LOCAL;
  }
}
