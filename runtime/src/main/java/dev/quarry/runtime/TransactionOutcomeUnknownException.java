package dev.quarry.runtime;

/**
 * The connection was lost while COMMIT was in flight: the server may have committed the unit of
 * work before the connection broke, or not. Quarry cannot tell which, so it says so instead of
 * reporting a rollback.
 *
 * <p>Never retried automatically, whatever {@link TxOptions#retries(int)} says: running a
 * unit that did commit a second time would apply its effects twice. Before doing the work again,
 * check whether it took effect (read back the row it wrote, by a key the application chose), or
 * make the unit idempotent (upserts keyed by client-generated ids).
 *
 * <p>{@link #sqlState()} is the driver's (usually 08006, an I/O error, or 57P01/57P02 when the
 * server shut down).
 */
public class TransactionOutcomeUnknownException extends ConnectionLostException {
  private static final long serialVersionUID = 1L;

  /** See {@link QuarryException#QuarryException(String, String, String, Throwable)}. */
  public TransactionOutcomeUnknownException(String message, String sqlState, String constraint, Throwable cause) {
    super(message, sqlState, constraint, cause);
  }
}
