package dev.quarry;

/** What PostgreSQL does to referencing rows when the referenced row is deleted. */
public enum OnDelete {
  /** {@code ON DELETE NO ACTION}, PostgreSQL's default: the delete fails at the end of the statement. */
  NO_ACTION,
  /** {@code ON DELETE RESTRICT}: the delete fails at once. */
  RESTRICT,
  /** {@code ON DELETE CASCADE}: referencing rows are deleted too. */
  CASCADE,
  /** {@code ON DELETE SET NULL}: the referencing column becomes null (it must be nullable). */
  SET_NULL,
  /** {@code ON DELETE SET DEFAULT}: the referencing column takes its default. */
  SET_DEFAULT
}
