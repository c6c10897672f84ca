package dev.quarry.runtime.internal;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads the current row. Must not advance the result set.
 *
 * @param <T> the row type
 */
@FunctionalInterface
public interface RowMapper<T> {
  /** Maps the current row of {@code rs}. */
  T map(ResultSet rs) throws SQLException;
}
