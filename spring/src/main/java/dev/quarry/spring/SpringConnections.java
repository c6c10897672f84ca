package dev.quarry.spring;

import dev.quarry.runtime.ConnectionProvider;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
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
 *
 * <p>With replicas ({@link QuarrySpring#database(dev.quarry.runtime.Database.Builder)}), every
 * call inside a Spring transaction, reads too, still runs on the transaction's connection: only
 * it sees the transaction's own writes and snapshot. Outside one, calls go through the
 * builder's routing: reads to a standby that qualifies, writes to the primary, the primary's
 * WAL position noted as each primary connection goes back (read-your-writes). A Spring
 * transaction commits on a connection the routing never saw, so after one in which Quarry took
 * part the thread's next read goes to the primary, and giving that connection back notes the
 * position the thread's later reads must see.
 */
final class SpringConnections implements ConnectionProvider {
  private final DataSource dataSource;
  /** The builder's routing, for calls outside Spring's transactions; {@code null} without replicas. */
  private final ConnectionProvider routing;
  /** Whether this thread's next read outside a Spring transaction must go to the primary. */
  private final ThreadLocal<Boolean> readPrimaryNext = new ThreadLocal<>();
  /** One instance: Spring keeps a transaction's synchronizations in a set, so it is registered once per transaction. */
  private final TransactionSynchronization afterCompletion = new TransactionSynchronization() {
    @Override
    public void afterCompletion(int status) {
      if (status != STATUS_ROLLED_BACK) {
        readPrimaryNext.set(Boolean.TRUE);
      }
    }
  };

  SpringConnections(DataSource dataSource) {
    this(dataSource, null);
  }

  SpringConnections(DataSource dataSource, ConnectionProvider routing) {
    this.dataSource = dataSource;
    this.routing = routing;
  }

  @Override
  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public Connection acquire() throws SQLException {
    return routing == null || springHolds() ? springConnection() : routing.acquire();
  }

  @Override
  public Connection acquireForRead() throws SQLException {
    if (routing == null || springHolds()) {
      return springConnection();
    }
    if (readPrimaryNext.get() != null) {
      readPrimaryNext.remove();
      return routing.acquire();
    }
    return routing.acquireForRead();
  }

  /** Whether the thread is in a Spring transaction, or Spring holds a connection of this data source for it. */
  private boolean springHolds() {
    return TransactionSynchronizationManager.isActualTransactionActive()
        || TransactionSynchronizationManager.hasResource(dataSource);
  }

  private Connection springConnection() throws SQLException {
    Connection connection = DataSourceUtils.doGetConnection(dataSource);
    if (routing != null && TransactionSynchronizationManager.isSynchronizationActive()
        && !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
      TransactionSynchronizationManager.registerSynchronization(afterCompletion);
    }
    return connection;
  }

  @Override
  public boolean isReplica(Connection connection) {
    return routing != null && routing.isReplica(connection);
  }

  /**
   * Marks the Spring transaction that lent this connection rollback-only. The transaction
   * managers built on the connection holder ({@code DataSourceTransactionManager},
   * {@code JdbcTransactionManager}) read the holder's mark: they roll back at the end and throw
   * {@code UnexpectedRollbackException} rather than commit, and a {@code NESTED} scope that rolls
   * back to its savepoint clears the mark, as the failed work is undone. {@code JpaTransactionManager}
   * binds a holder of its own but reads only its JPA transaction's mark, so that is marked; its
   * {@code NESTED} savepoints do not clear it, so a Quarry failure in one rolls back the whole
   * transaction.
   */
  @Override
  public void markRollbackOnly(Connection connection) {
    if (TransactionSynchronizationManager.getResource(dataSource) instanceof ConnectionHolder holder) {
      if (holder.isSynchronizedWithTransaction()) {
        holder.setRollbackOnly();
      } else if (JpaTransactions.PRESENT && TransactionSynchronizationManager.isActualTransactionActive()) {
        JpaTransactions.markRollbackOnly();
      }
    }
  }

  @Override
  public void release(Connection connection) throws SQLException {
    if (routing != null && !DataSourceUtils.isConnectionTransactional(connection, dataSource)) {
      routing.release(connection);
    } else {
      DataSourceUtils.doReleaseConnection(connection, dataSource);
    }
  }

  @Override
  public String toString() {
    return "SpringConnections[" + dataSource + (routing == null ? "" : ", " + routing) + "]";
  }
}
