package dev.quarry.runtime;

/**
 * A custom query declared to return at most one row ({@code Optional<R>}) or exactly one row
 * ({@code R}) returned another number of rows. The message names the DAO method and the
 * statement, never bound values.
 *
 * <p>Reading stops at the second row, so {@link #actual()} is {@code 0} (an {@code R} method
 * found no row) or {@code 2} (the statement returned two rows or more); the statement is never
 * cut short with a hidden {@code LIMIT}. A data-changing statement ({@code ... RETURNING}) that
 * ends this way has changed nothing: it ran in its own transaction, or in the caller's, which
 * this exception rolls back.
 *
 * <p>The {@code sqlState()} is {@code null}: Quarry, not PostgreSQL, raised it.
 */
public class IncorrectResultSizeException extends QuarryException {
  private static final long serialVersionUID = 1L;

  private final int expected;
  private final int actual;

  /**
   * @param message the DAO method and statement, without bound values
   * @param expected the most rows the method returns: {@code 1}
   * @param actual the rows read: {@code 0}, or {@code 2} for two or more
   */
  public IncorrectResultSizeException(String message, int expected, int actual) {
    super(message, null, null, null);
    this.expected = expected;
    this.actual = actual;
  }

  /** The rows the method promises at most: {@code 1}. */
  public int expected() {
    return expected;
  }

  /** The rows read before giving up: {@code 0}, or {@code 2} meaning two or more. */
  public int actual() {
    return actual;
  }
}
