package dev.quarry.runtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Where a {@link Database} gets its connections, and whether someone else owns their
 * transaction. {@link Database#of(DataSource)} uses {@link #of(DataSource)}; a transaction
 * manager that binds connections to threads plugs in through {@link Database#of(ConnectionProvider)}.
 *
 * <p>For every DAO call outside a {@link Database#transaction unit of work}, and once per unit,
 * the database calls {@link #acquire()}, then {@link #isManaged(Connection)} on that connection,
 * runs its statements and finally {@link #release(Connection)}, also when the work failed. Inside
 * a unit every call on the same thread reuses the unit's connection and nothing is acquired.
 *
 * <p>On a connection that is <em>managed</em> (an outer transaction owns it) Quarry never calls
 * {@code commit}, {@code rollback}, {@code setAutoCommit} or {@code close}: DAO calls run their
 * statements in the outer transaction, and {@code Database.transaction} joins it as a nested
 * unit (a savepoint) that runs no retries, so the outer transaction commits or rolls back
 * Quarry's writes with its own. On a connection that is not managed Quarry owns the work:
 * outside a unit it runs in auto-commit mode, and a unit sets auto-commit off, commits or rolls
 * back, and restores auto-commit before {@link #release(Connection)}.
 *
 * <h2>Plugging in a transaction manager</h2>
 *
 * <p>{@code acquire} returns the connection the manager has bound to the calling thread when
 * there is one, else a fresh one; {@code release} gives it back the manager's way (closing a
 * connection the manager did not bind, leaving a bound one open). The default
 * {@link #isManaged(Connection)} follows the JDBC convention that a connection handed out with
 * auto-commit off belongs to a transaction its lender opened; that already holds for JTA
 * connections enlisted in a global transaction, for Spring's {@code TransactionAwareDataSourceProxy}
 * and for connections Micronaut's or Quarkus's (Agroal) transaction managers bind to the thread.
 * So for most managers it is enough that the {@code DataSource} given to
 * {@link Database#of(DataSource)} is the manager's transaction-aware one:
 * <ul>
 *   <li>Spring: use {@code QuarrySpring.database(dataSource)} from {@code quarry-spring}, which
 *       also marks the Spring transaction rollback-only when a Quarry statement fails in it.
 *   <li>Micronaut Data JDBC: the injected {@code DataSource} is already transaction aware
 *       ({@code @Transactional} binds the connection), so {@code Database.of(dataSource)} joins.
 *   <li>Quarkus (Agroal) and other JTA containers: the injected {@code AgroalDataSource} or
 *       container {@code DataSource} enlists its connections in the JTA transaction of the
 *       thread, so {@code Database.of(dataSource)} joins {@code @Transactional} methods.
 *   <li>Anything else: implement {@code acquire}/{@code release} over the manager's API and,
 *       if its connections stay in auto-commit mode while it owns them, override
 *       {@code isManaged}.
 * </ul>
 *
 * <p>A consequence of the convention: a pool configured to hand out connections with auto-commit
 * off (HikariCP {@code autoCommit=false}) makes Quarry treat each DAO call outside a unit as part
 * of a transaction someone else commits, and no one does. Keep the pool's default (auto-commit on).
 *
 * <p>Implementations must be safe for use by many threads at once.
 */
public interface ConnectionProvider {
  /** The data source connections come from, as {@link Database#dataSource()} reports it. */
  DataSource dataSource();

  /**
   * A connection for the calling thread: the one an outer transaction bound to it, if any,
   * else a new one from {@link #dataSource()}.
   *
   * @throws SQLException when no connection can be had (the database is down, the pool is
   *     exhausted); Quarry throws it as the matching {@link QuarryException}
   */
  Connection acquire() throws SQLException;

  /**
   * A connection for work that only reads: DAO reads outside a unit and units with
   * {@link TxOptions#readOnly(boolean) readOnly(true)}. A provider that routes reads to
   * replicas ({@link Database#builder}) returns a standby's connection here when one qualifies.
   * The default is {@link #acquire()}.
   *
   * @throws SQLException as {@link #acquire()}
   */
  default Connection acquireForRead() throws SQLException {
    return acquire();
  }

  /**
   * Whether {@code connection}, lent by {@link #acquireForRead()}, is a standby's. When a read
   * fails on a standby because the statement writes after all (SQLSTATE 25006, such as a
   * {@code SELECT nextval(...)}) or the standby went away (class 08, 57P01..57P03), Quarry gives
   * the connection back and runs the read once more on {@link #acquire()}. The default is
   * {@code false}.
   */
  default boolean isReplica(Connection connection) {
    return false;
  }

  /**
   * Whether an outer transaction owns {@code connection}, so Quarry must not commit, roll back,
   * change auto-commit or close it. The default: the connection has auto-commit off.
   *
   * @throws SQLException when the connection cannot be asked (it is broken)
   */
  default boolean isManaged(Connection connection) throws SQLException {
    return !connection.getAutoCommit();
  }

  /**
   * Called when a Quarry call failed on a {@linkplain #isManaged managed} connection and the
   * failure leaves Quarry: the outer transaction holds a failed statement (PostgreSQL rejects
   * everything after it until rollback, SQLSTATE 25P02) or work the caller must not commit, so
   * the manager should roll it back whatever the caller does with the exception. Called before
   * {@link #release(Connection)}. The default does nothing.
   */
  default void markRollbackOnly(Connection connection) {}

  /**
   * Gives back a connection {@link #acquire()} returned. Called exactly once per
   * {@code acquire}, after the work, also when it failed. The default closes it.
   *
   * @throws SQLException when giving it back fails; Quarry ignores this when the work itself
   *     failed, so it never hides the failure that matters
   */
  default void release(Connection connection) throws SQLException {
    connection.close();
  }

  /** Connections straight from {@code dataSource}, closed on release: {@link Database#of(DataSource)}. */
  static ConnectionProvider of(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return new ConnectionProvider() {
      @Override
      public DataSource dataSource() {
        return dataSource;
      }

      @Override
      public Connection acquire() throws SQLException {
        return dataSource.getConnection();
      }

      @Override
      public String toString() {
        return "ConnectionProvider.of(" + dataSource + ")";
      }
    };
  }
}
