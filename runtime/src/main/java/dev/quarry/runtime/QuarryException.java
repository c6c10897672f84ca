package dev.quarry.runtime;

import java.util.Optional;

/**
 * A database operation failed. Unchecked; keeps the driver's facts (the SQLSTATE, the
 * constraint, the cause) and adds Quarry's (the DAO method and statement). Messages never
 * contain bound values, which can hold personal data.
 *
 * <p>Subclasses name the failures callers handle differently: {@link UniqueViolationException},
 * {@link ForeignKeyViolationException}, {@link NotNullViolationException},
 * {@link CheckViolationException}, {@link NoPartitionException}, {@link OptimisticLockException},
 * {@link TransientDataException} and {@link ConnectionLostException}.
 */
public class QuarryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String sqlState;
  private final String constraint;

  /**
   * @param message what failed, without bound values
   * @param sqlState the SQLSTATE, or {@code null} when Quarry raised the failure itself
   * @param constraint the violated constraint, or {@code null}
   * @param cause the driver's exception, or {@code null}
   */
  public QuarryException(String message, String sqlState, String constraint, Throwable cause) {
    super(message, cause);
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
}
