package dev.quarry.processor.model;

import java.util.Optional;

/**
 * A foreign key from one column to another table's single-column primary key.
 *
 * @param column the referencing column
 * @param targetRecord the referenced record's qualified name
 * @param targetTable the referenced table
 * @param targetColumn the referenced primary-key column
 * @param onDelete the {@code ON DELETE} action as SQL, such as {@code "CASCADE"}
 * @param constraintName the constraint's name
 * @param target what the referenced record declares about partitioning
 */
public record ForeignKeyModel(
    ColumnModel column,
    String targetRecord,
    String targetTable,
    String targetColumn,
    String onDelete,
    String constraintName,
    Target target) {

  /**
   * The referenced record's key component and partitioning, for the rules PostgreSQL applies to
   * references into a partitioned table.
   *
   * @param keyComponent the referenced primary-key component
   * @param partitionKey the component the target is partitioned by, if it is partitioned
   * @param retain the target's {@code @Partitioned(retain)}: above 0, maintenance drops old partitions
   */
  public record Target(String keyComponent, Optional<String> partitionKey, int retain) {}
}
