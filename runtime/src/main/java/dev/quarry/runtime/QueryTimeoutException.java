package dev.quarry.runtime;

/**
 * A statement was cancelled before it finished (SQLSTATE 57014): it ran past
 * {@link TxOptions#statementTimeout(java.time.Duration)} or the server's
 * {@code statement_timeout}, past a JDBC {@code setQueryTimeout}, or it was cancelled
 * ({@code Statement.cancel()}, {@code pg_cancel_backend}). PostgreSQL reports all of these with
 * the same SQLSTATE. The statement wrote nothing; inside a unit of work the whole unit is rolled
 * back. Not retried automatically: a statement that timed out once will likely time out again.
 */
public class QueryTimeoutException extends QuarryException {
  private static final long serialVersionUID = 1L;

  /** See {@link QuarryException#QuarryException(String, String, String, Throwable)}. */
  public QueryTimeoutException(String message, String sqlState, String constraint, Throwable cause) {
    super(message, sqlState, constraint, cause);
  }
}
