package dev.quarry.runtime;

/**
 * The session ended or could not be had: SQLSTATE class 08 (connection exception, also when a
 * pool could not lend a connection in time), 25P03 (idle-in-transaction timeout), 57P01
 * (terminated by an administrator or a fast shutdown), 57P02 (crash of another backend), 57P03
 * (the server is starting up or shutting down) or 57P05 (idle-session timeout).
 *
 * <p>Thrown as this type, and not as its subclass {@link TransactionOutcomeUnknownException},
 * the failure came before COMMIT was sent: nothing of the unit of work was committed, and the
 * pool discards the broken connection. Quarry does not rerun the unit; doing so is safe when the
 * unit's effects are idempotent. One exception to "nothing committed": a single statement run
 * outside a unit (auto-commit) commits on its own, so a write whose connection was lost while it
 * ran may have taken effect.
 */
public class ConnectionLostException extends QuarryException {
  private static final long serialVersionUID = 1L;

  /** See {@link QuarryException#QuarryException(String, String, String, Throwable)}. */
  public ConnectionLostException(String message, String sqlState, String constraint, Throwable cause) {
    super(message, sqlState, constraint, cause);
  }
}
