package dev.quarry.runtime.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Sets a statement's parameters from one element of a batch.
 *
 * @param <T> the element type
 */
@FunctionalInterface
public interface BatchBinder<T> {
  /** Binds every parameter of {@code ps} for {@code element}. */
  void bind(PreparedStatement ps, T element) throws SQLException;
}
