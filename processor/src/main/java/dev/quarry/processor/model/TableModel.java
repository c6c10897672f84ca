package dev.quarry.processor.model;

import dev.quarry.processor.sql.Identifiers;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * Everything the writers need to know about one {@code @Table} record. Built by
 * {@code read/}, checked by {@code check/}, rendered by {@code sql/} and {@code write/}.
 *
 * @param element the record
 * @param packageName the record's package, where the generated types go
 * @param baseName the prefix of the generated type names, the record's simple name
 * @param isPublic whether the record, and so the generated types, are public
 * @param table the table name, unquoted
 * @param columns every column, in component order
 * @param uniqueKeys unique keys other than the primary key
 * @param indexes declared indexes and those Quarry adds
 * @param foreignKeys foreign keys, in component order
 * @param checks {@code @Check} constraints: the record's, then each component's, in declaration order
 * @param timestamps the {@code @Timestamps} columns, if any
 * @param softDelete the {@code @SoftDelete} column, if any
 * @param keyset the {@code @KeysetPaged} order, if any
 * @param fullText the {@code @FullText} search, if any
 * @param partitioning the {@code @Partitioned} declaration, if any
 * @param distribution the Citus placement ({@code @Distributed}, {@code @Reference}), if any
 */
public record TableModel(
    TypeElement element,
    String packageName,
    String baseName,
    boolean isPublic,
    String table,
    List<ColumnModel> columns,
    List<UniqueKeyModel> uniqueKeys,
    List<IndexModel> indexes,
    List<ForeignKeyModel> foreignKeys,
    List<CheckModel> checks,
    Optional<TimestampsModel> timestamps,
    Optional<ColumnModel> softDelete,
    Optional<KeysetModel> keyset,
    Optional<FullTextModel> fullText,
    Optional<PartitionModel> partitioning,
    Optional<DistributionModel> distribution) {

  /** The primary-key columns, in declaration order. */
  public List<ColumnModel> key() {
    return columns.stream().filter(ColumnModel::id).toList();
  }

  /** Whether the primary key has exactly one column. */
  public boolean hasSingleKey() {
    return key().size() == 1;
  }

  /** The {@code @Version} column, if any. */
  public Optional<ColumnModel> version() {
    return columns.stream().filter(ColumnModel::version).findFirst();
  }

  /** The {@code @Identity} column, if any. */
  public Optional<ColumnModel> identity() {
    return columns.stream().filter(ColumnModel::identity).findFirst();
  }

  /**
   * The columns an UPDATE sets from the record: all but the key, the version, the timestamps
   * (PostgreSQL's) and the soft-delete mark (which only delete and restore change).
   */
  public List<ColumnModel> updatable() {
    return columns.stream().filter(c -> !c.id() && !c.version() && !isTimestamp(c) && !isSoftDelete(c)).toList();
  }

  /**
   * The columns an upsert's {@code DO UPDATE} copies from {@code EXCLUDED}: all but the key,
   * the version, the timestamps and {@code conflictTarget}; the soft-delete mark is included, so
   * upserting a live row revives a deleted one.
   */
  public List<ColumnModel> upsertable(List<ColumnModel> conflictTarget) {
    return columns.stream()
        .filter(c -> !c.id() && !c.version() && !isTimestamp(c) && !conflictTarget.contains(c))
        .toList();
  }

  /** The columns an INSERT writes from the record: all but the timestamps, which default to now(). */
  public List<ColumnModel> insertable() {
    return columns.stream().filter(c -> !isTimestamp(c)).toList();
  }

  /** Whether {@code c} is a {@code @Timestamps} column. */
  public boolean isTimestamp(ColumnModel c) {
    return timestamps.map(t -> t.created() == c || t.updated() == c).orElse(false);
  }

  /** Whether {@code c} is the {@code @SoftDelete} column. */
  public boolean isSoftDelete(ColumnModel c) {
    return softDelete.map(d -> d == c).orElse(false);
  }

  /** The name of the generated DAO. */
  public String daoName() {
    return baseName + "Dao";
  }

  /** The name of the generated schema class. */
  public String schemaName() {
    return baseName + "Schema";
  }

  /** The name of the primary-key constraint. */
  public String primaryKeyName() {
    return Identifiers.name(table, "pkey");
  }
}
