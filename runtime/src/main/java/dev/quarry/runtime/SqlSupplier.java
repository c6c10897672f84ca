package dev.quarry.runtime;

import java.sql.SQLException;

/**
 * A unit of work with a result, run by {@link Database#transaction(SqlSupplier)}.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface SqlSupplier<T> {
  /** Runs the work and returns its result; any exception rolls the transaction back. */
  T get() throws SQLException;
}
