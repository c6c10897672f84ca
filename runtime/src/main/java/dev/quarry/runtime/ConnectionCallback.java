package dev.quarry.runtime;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Raw JDBC work on a connection lent by {@link Database#withConnection(ConnectionCallback)}.
 * The callback must not close the connection or change its auto-commit mode.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface ConnectionCallback<T> {
  /** Uses the connection and returns a result. */
  T apply(Connection connection) throws SQLException;
}
