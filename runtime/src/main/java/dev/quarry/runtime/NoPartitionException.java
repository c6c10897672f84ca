package dev.quarry.runtime;

/**
 * A row's partition key falls in no partition of a partitioned table (PostgreSQL reports
 * SQLSTATE 23514 without a constraint name). Nothing of the failing statement was written.
 * Run {@code partitions().maintain()}, widen {@code premake}, or add a DEFAULT partition.
 */
public class NoPartitionException extends QuarryException {
  private static final long serialVersionUID = 1L;

  private final String table;

  /** See {@link QuarryException#QuarryException(String, String, String, Throwable)}. */
  public NoPartitionException(String message, String table, Throwable cause) {
    super(message, "23514", null, cause);
    this.table = table;
  }

  /** The partitioned table that had no partition for the row. */
  public String table() {
    return table;
  }
}
