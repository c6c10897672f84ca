package dev.quarry.runtime;

import java.sql.SQLException;

/** A unit of work without a result, run by {@link Database#transaction(SqlRunnable)}. */
@FunctionalInterface
public interface SqlRunnable {
  /** Runs the work; any exception rolls the surrounding transaction back. */
  void run() throws SQLException;
}
