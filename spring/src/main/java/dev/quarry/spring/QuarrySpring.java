package dev.quarry.spring;

import dev.quarry.runtime.Database;
import dev.quarry.runtime.StatementListener;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * Quarry in Spring applications: a {@link Database} whose DAO calls take part in the Spring
 * transaction of the calling thread.
 *
 * <pre>{@code
 * @Bean Database database(DataSource dataSource) { return QuarrySpring.database(dataSource); }
 *
 * @Transactional
 * public void place(Order order) {
 *   orders.insert(order);          // in the @Transactional method's transaction
 *   stock.reserve(order.items());  // a failure here rolls the order back too
 * }
 * }</pre>
 *
 * <p>Inside a transaction that Spring manages for this data source ({@code @Transactional},
 * {@code TransactionTemplate}, with {@code DataSourceTransactionManager},
 * {@code JdbcTransactionManager}, {@code JpaTransactionManager} or another manager that binds
 * JDBC connections) every DAO call
 * runs on the transaction's connection, so it commits and rolls back with the rest of the
 * transaction and sees its uncommitted writes. Propagation is Spring's: {@code REQUIRES_NEW}
 * suspends the outer transaction and Quarry runs in the new one; {@code NESTED} is a savepoint
 * that rolls Quarry's writes in it back alone; read-only and isolation are set on the connection
 * by the transaction manager, so a read-only transaction refuses Quarry's writes (SQLSTATE 25006)
 * and queries run at the transaction's isolation. Quarry never commits, rolls back or changes
 * auto-commit on that connection.
 *
 * <p>{@link Database#transaction} inside a Spring transaction joins it as a nested unit (see
 * {@link Database#transaction(dev.quarry.runtime.TxOptions, dev.quarry.runtime.SqlSupplier)})
 * and commits nothing itself; it never retries, as only the outer transaction could be rerun.
 *
 * <p>When a DAO call fails on the transaction's connection, the Spring transaction is marked
 * rollback-only before the exception leaves the DAO: PostgreSQL rejects every later statement
 * of that transaction anyway, and catching the exception can no longer lead to a commit that
 * silently keeps part of the work. The commit then throws Spring's
 * {@code UnexpectedRollbackException}.
 *
 * <p>Outside a Spring transaction the database behaves as {@link Database#of(DataSource)}:
 * each DAO call borrows a connection in auto-commit mode, and {@code transaction} runs units of
 * its own.
 *
 * <p>With read replicas, pass the builder: {@code QuarrySpring.database(Database.builder(primary)
 * .replicas(standby))}. Inside a Spring transaction nothing changes: every call, reads and
 * {@code @Transactional(readOnly = true)} ones too, runs on the transaction's connection to the
 * primary, as only it sees the transaction's writes and snapshot. Outside one, reads go to a
 * standby as {@link Database#builder} describes, and a thread still reads its own writes: after
 * a Spring transaction in which Quarry took part commits, the thread's next read runs on the
 * primary and notes how far the standbys must have replayed for the reads after it.
 */
public final class QuarrySpring {
  private QuarrySpring() {}

  /**
   * A database on {@code dataSource} that joins Spring-managed transactions. Pass the same
   * {@code DataSource} the transaction manager uses; a {@link TransactionAwareDataSourceProxy}
   * is unwrapped to the data source behind it.
   *
   * @throws NullPointerException when {@code dataSource} is null
   */
  public static Database database(DataSource dataSource) {
    return database(dataSource, StatementListener.NONE);
  }

  /**
   * {@link #database(DataSource)} whose DAO statements are reported to {@code listener}
   * (the auto-configuration passes one that records Micrometer observations).
   *
   * @throws NullPointerException when an argument is null
   */
  public static Database database(DataSource dataSource, StatementListener listener) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(listener, "listener");
    return Database.of(new SpringConnections(target(dataSource)), listener);
  }

  /**
   * A database on the builder's primary that joins Spring-managed transactions, and outside them
   * routes reads to the builder's replicas. The primary must be the {@code DataSource} the
   * transaction manager uses.
   *
   * @throws NullPointerException when {@code primaryAndReplicas} is null
   */
  public static Database database(Database.Builder primaryAndReplicas) {
    return database(primaryAndReplicas, StatementListener.NONE);
  }

  /**
   * {@link #database(Database.Builder)} whose DAO statements are reported to {@code listener}.
   *
   * @throws NullPointerException when an argument is null
   */
  public static Database database(Database.Builder primaryAndReplicas, StatementListener listener) {
    Objects.requireNonNull(primaryAndReplicas, "primaryAndReplicas");
    Objects.requireNonNull(listener, "listener");
    // The built database is used for its routing alone; the one returned carries the listener.
    Database routed = primaryAndReplicas.build();
    return Database.of(new SpringConnections(target(routed.dataSource()), routed.connections()), listener);
  }

  /** The data source Spring binds connections to: a transaction-aware proxy's target. */
  private static DataSource target(DataSource dataSource) {
    return dataSource instanceof TransactionAwareDataSourceProxy proxy ? proxy.getTargetDataSource() : dataSource;
  }
}
