package dev.quarry.runtime.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Sets a statement's parameters. */
@FunctionalInterface
public interface Binder {
  /** Binds every parameter of {@code ps}. */
  void bind(PreparedStatement ps) throws SQLException;
}
