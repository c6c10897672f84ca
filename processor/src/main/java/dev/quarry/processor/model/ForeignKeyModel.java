package dev.quarry.processor.model;

/**
 * A foreign key from one column to another table's single-column primary key.
 *
 * @param column the referencing column
 * @param targetRecord the referenced record's qualified name
 * @param targetTable the referenced table
 * @param targetColumn the referenced primary-key column
 * @param onDelete the {@code ON DELETE} action as SQL, such as {@code "CASCADE"}
 * @param constraintName the constraint's name
 */
public record ForeignKeyModel(
    ColumnModel column,
    String targetRecord,
    String targetTable,
    String targetColumn,
    String onDelete,
    String constraintName) {}
