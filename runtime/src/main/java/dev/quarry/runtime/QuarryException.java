package dev.quarry.runtime;

import dev.quarry.runtime.internal.Redaction;
import java.util.Optional;

/**
 * A database operation failed. Unchecked; keeps the driver's facts (the SQLSTATE, the
 * constraint, table, column and schema the server named, the server's message, the stack
 * trace) and adds Quarry's (the DAO method and statement).
 *
 * <p><b>No bound value anywhere.</b> Nothing this exception carries holds a value of a row or
 * parameter, which can be personal data: not its message, not its cause chain, not its
 * suppressed exceptions. The driver's exception is kept as the cause only after it has been
 * rebuilt without the server's DETAIL ({@code Key (email)=(...)}, {@code Failing row contains
 * (...)}), HINT, WHERE context and internal query, and without quoted values in data errors
 * (class 22); a driver message that may embed values (a batch entry, a conversion error) is
 * replaced by its class and SQLSTATE. A user-defined {@code RAISE} message (P0001) is kept as
 * written: it is the application's own text.
 *
 * <p>Subclasses name the failures callers handle differently: {@link UniqueViolationException},
 * {@link ForeignKeyViolationException}, {@link NotNullViolationException},
 * {@link CheckViolationException}, {@link ExclusionViolationException},
 * {@link NoPartitionException}, {@link DataException}, {@link PermissionDeniedException},
 * {@link OptimisticLockException}, {@link TransientDataException}, {@link QueryTimeoutException},
 * {@link ResourceExhaustedException}, {@link ConnectionLostException} and its subclass
 * {@link TransactionOutcomeUnknownException}.
 */
public class QuarryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String sqlState;
  private final String constraint;

  /**
   * @param message what failed, without bound values
   * @param sqlState the SQLSTATE, or {@code null} when Quarry raised the failure itself
   * @param constraint the violated constraint, or {@code null}
   * @param cause the driver's exception, or {@code null}; kept only in its redacted form
   */
  public QuarryException(String message, String sqlState, String constraint, Throwable cause) {
    super(message, Redaction.redact(cause));
    this.sqlState = sqlState;
    this.constraint = constraint;
  }

  /** The five-character SQLSTATE, or {@code null} when Quarry, not the server, raised it. */
  public String sqlState() {
    return sqlState;
  }

  /** The constraint or index the server named, when it named one. */
  public Optional<String> constraint() {
    return Optional.ofNullable(constraint);
  }

  /** Like the constructor, keeps {@code cause} only in its redacted form. */
  @Override
  public synchronized Throwable initCause(Throwable cause) {
    return super.initCause(Redaction.redact(cause));
  }
}
