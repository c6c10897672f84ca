package dev.quarry.spring;

import dev.quarry.runtime.ConnectionProvider;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Connections through Spring's transaction synchronization: inside a Spring-managed transaction
 * the one bound to the thread (the transaction manager's, with its isolation and read-only
 * setting), outside one a connection of the pool that Spring closes when it is released.
 *
 * <p>A connection of a Spring transaction has auto-commit off, so {@link #isManaged} keeps the
 * runtime's rule: Quarry runs statements on it and leaves commit, rollback and auto-commit to
 * Spring. A connection Spring merely holds for the thread during a non-transactional scope
 * ({@code SUPPORTS} with synchronization) has auto-commit on and no transaction to join, so
 * Quarry treats it as its own for the length of one call.
 */
final class SpringConnections implements ConnectionProvider {
  private final DataSource dataSource;

  SpringConnections(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public Connection acquire() throws SQLException {
    return DataSourceUtils.doGetConnection(dataSource);
  }

  /**
   * Marks the connection holder Spring bound for this data source rollback-only. The
   * transaction managers built on it ({@code DataSourceTransactionManager},
   * {@code JdbcTransactionManager}) then roll back at the end and throw
   * {@code UnexpectedRollbackException} rather than commit; a {@code NESTED} scope that rolls
   * back to its savepoint clears the mark, as the failed work is undone.
   */
  @Override
  public void markRollbackOnly(Connection connection) {
    if (TransactionSynchronizationManager.getResource(dataSource) instanceof ConnectionHolder holder
        && holder.isSynchronizedWithTransaction()) {
      holder.setRollbackOnly();
    }
  }

  @Override
  public void release(Connection connection) throws SQLException {
    DataSourceUtils.doReleaseConnection(connection, dataSource);
  }

  @Override
  public String toString() {
    return "SpringConnections[" + dataSource + "]";
  }
}
