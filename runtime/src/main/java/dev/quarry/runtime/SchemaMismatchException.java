package dev.quarry.runtime;

import java.util.List;

/**
 * The database and the records disagree: thrown by {@link Schema#verify} with every difference,
 * and by {@link Schema#migrate} with the manual steps it would not take itself.
 */
public class SchemaMismatchException extends QuarryException {
  private static final long serialVersionUID = 1L;

  private final List<String> differences;

  /**
   * @param summary what was being done, such as {@code "Schema.verify"}
   * @param differences one human-readable line each, naming table and column
   */
  public SchemaMismatchException(String summary, List<String> differences) {
    super(summary + ": the database does not match the records (" + differences.size() + "):\n  "
        + String.join("\n  ", differences), null, null, null);
    this.differences = List.copyOf(differences);
  }

  /** Each difference or manual step, one line each, naming table and column. */
  public List<String> differences() {
    return differences;
  }
}
