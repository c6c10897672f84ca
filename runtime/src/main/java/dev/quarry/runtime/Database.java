package dev.quarry.runtime;

import dev.quarry.runtime.internal.SqlStates;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The entry point: a {@link DataSource} plus transactions that generated DAOs join.
 *
 * <p>Outside a transaction each DAO call borrows a connection, runs in auto-commit mode and
 * returns it. Inside {@link #transaction(SqlSupplier)} every DAO call on the same thread uses
 * the transaction's connection, so the unit of work commits or rolls back whole:
 *
 * <pre>{@code
 * db.transaction(() -> {
 *   orders.insert(order);
 *   lines.insertAll(items);   // a failure here also undoes the order
 * });
 * }</pre>
 *
 * <p>Keep transactions short: a transaction held open across a slow remote call holds row
 * locks and a pooled connection the whole time.
 *
 * <p>Connections come from a {@link ConnectionProvider}. When an outer transaction manager owns
 * the connection it lends (Spring, JTA), DAO calls run in that transaction, {@code transaction}
 * joins it as a nested unit, and Quarry never commits, rolls back or changes auto-commit on it.
 */
public final class Database {
  private static final long BACKOFF_BASE_MILLIS = 5;
  private static final long BACKOFF_CAP_MILLIS = 1000;

  private final ConnectionProvider connections;
  private final StatementListener listener;
  private final ThreadLocal<Transaction> current = new ThreadLocal<>();
  /** Chosen once: by {@link #json(JsonCodec)}, or the default on first use. */
  private final AtomicReference<JsonCodec> json = new AtomicReference<>();

  private Database(ConnectionProvider connections, StatementListener listener) {
    this.connections = connections;
    this.listener = listener;
  }

  /** A database over {@code dataSource}, usually a connection pool: {@link ConnectionProvider#of(DataSource)}. */
  public static Database of(DataSource dataSource) {
    return new Database(ConnectionProvider.of(dataSource), StatementListener.NONE);
  }

  /**
   * A database whose connections come from {@code connections}, such as a transaction manager's
   * (see {@link ConnectionProvider} for how to plug one in).
   */
  public static Database of(ConnectionProvider connections) {
    return of(connections, StatementListener.NONE);
  }

  /**
   * A database whose connections come from {@code connections} and that tells {@code listener}
   * about every statement its DAOs run (metrics, tracing).
   */
  public static Database of(ConnectionProvider connections, StatementListener listener) {
    return new Database(Objects.requireNonNull(connections, "connections"), Objects.requireNonNull(listener, "listener"));
  }

  /**
   * A database that reads from streaming-replication standbys: {@code Database.builder(primary)
   * .replicas(standby1, standby2).maxReplicaLag(Duration.ofSeconds(1)).build()}.
   *
   * <p>Where each call runs:
   * <ul>
   *   <li>DAO reads outside a unit ({@code findById}, finders, {@code page}, slices, {@code count},
   *       {@code @Sql} queries that start with {@code SELECT}), {@link #withReadConnection} and
   *       units with {@link TxOptions#readOnly(boolean) readOnly(true)} (except
   *       {@code SERIALIZABLE} ones, which a standby cannot run) go to a standby that
   *       qualifies, round robin;
   *   <li>everything else (writes, read-write units, {@link #withConnection}) goes to the primary;
   *   <li>a standby qualifies when it answers, is in recovery, its replay lag is at most
   *       {@link Builder#maxReplicaLag(Duration) maxReplicaLag} (measured at most a quarter of
   *       that bound, 10 ms to 1 s, before the read), and it has replayed everything the calling
   *       thread committed on the primary;
   *   <li>no qualifying standby means the primary: a read never fails because standbys are
   *       behind or down, and a standby that fails is left out for one second.
   * </ul>
   *
   * <p>Read-your-writes: after a thread gives back a primary connection (a write outside a unit,
   * a committed unit), Quarry reads the primary's WAL position ({@code pg_current_wal_insert_lsn()}, one
   * extra round trip per primary use); the thread's later reads go only to a standby whose
   * {@code pg_last_wal_replay_lsn()} has reached it. The guarantee is per thread: another thread,
   * or another process, may read from a standby that has not replayed that commit yet, up to
   * the lag bound. A read that turns out to write on a standby (SQLSTATE 25006, such as
   * {@code SELECT nextval(...)}) runs again on the primary.
   */
  public static Builder builder(DataSource primary) {
    return new Builder(primary);
  }

  /** Builds a {@link Database} that routes reads to replicas; see {@link Database#builder}. */
  public static final class Builder {
    private final DataSource primary;
    private final java.util.List<DataSource> replicas = new java.util.ArrayList<>();
    private java.time.Duration maxReplicaLag = java.time.Duration.ofSeconds(1);

    private Builder(DataSource primary) {
      this.primary = Objects.requireNonNull(primary, "primary");
    }

    /** Standbys of the primary, usually connection pools, that reads may use; adds to those given before. */
    public Builder replicas(DataSource... standbys) {
      for (DataSource standby : standbys) {
        replicas.add(Objects.requireNonNull(standby, "replica"));
      }
      return this;
    }

    /**
     * How far behind the primary a standby may replay and still serve reads; 1 s unless set.
     *
     * @throws IllegalArgumentException when {@code lag} is negative
     */
    public Builder maxReplicaLag(java.time.Duration lag) {
      Objects.requireNonNull(lag, "lag");
      if (lag.isNegative()) {
        throw new IllegalArgumentException("maxReplicaLag must not be negative, was " + lag);
      }
      this.maxReplicaLag = lag;
      return this;
    }

    /** The database; without replicas it is {@code Database.of(primary)}. */
    public Database build() {
      ConnectionProvider primaryConnections = ConnectionProvider.of(primary);
      return replicas.isEmpty() ? of(primaryConnections)
          : of(new ReplicaRouting(primaryConnections, java.util.List.copyOf(replicas), maxReplicaLag));
    }
  }

  /** Who is told about each statement the DAOs run; {@link StatementListener#NONE} by default. */
  public StatementListener listener() {
    return listener;
  }

  /**
   * Sets the codec that JSON document columns ({@code @Column(type = "jsonb")} on a record,
   * {@code Map}, {@code List} ...) are written and read with, usually the application's
   * Jackson mapper: {@code Database.of(dataSource).json(JacksonJsonCodec.of(objectMapper))}.
   * Set it once, before the first DAO call that reads or writes a document.
   *
   * @return this database
   * @throws IllegalStateException when a codec was already set, or the default already chosen
   */
  public Database json(JsonCodec codec) {
    Objects.requireNonNull(codec, "codec");
    if (!json.compareAndSet(null, codec)) {
      throw new IllegalStateException("the JSON codec of this Database is already chosen ("
          + json.get().getClass().getName() + "); set it once, before the first DAO call that uses a document");
    }
    return this;
  }

  /**
   * The codec JSON document columns use: the one {@linkplain #json(JsonCodec) set}, else
   * {@link JacksonJsonCodec#defaults()}, chosen on first use.
   *
   * @throws IllegalStateException when none was set and Jackson 2 ({@code jackson-databind}) is not on
   *     the class path
   */
  public JsonCodec json() {
    JsonCodec codec = json.get();
    if (codec != null) {
      return codec;
    }
    try {
      json.compareAndSet(null, JacksonJsonCodec.defaults());
    } catch (LinkageError e) {
      throw new IllegalStateException("a JSON document column needs a JsonCodec: add "
          + "com.fasterxml.jackson.core:jackson-databind (2.x) to the application, or set one with Database.json(codec)", e);
    }
    return json.get();
  }

  /**
   * Where connections come from. Code that must hold a connection beyond one call (a
   * {@code Stream} a DAO returns) acquires and releases it here, following the provider's
   * contract.
   */
  public ConnectionProvider connections() {
    return connections;
  }

  /** The data source connections come from. */
  public DataSource dataSource() {
    return connections.dataSource();
  }

  /** Whether the calling thread is inside a transaction of this database. */
  public boolean inTransaction() {
    return current.get() != null;
  }

  /** Runs {@code work} in one transaction with default options. */
  public void transaction(SqlRunnable work) {
    transaction(TxOptions.defaults(), work);
  }

  /** Runs {@code work} in one transaction with default options and returns its result. */
  public <T> T transaction(SqlSupplier<T> work) {
    return transaction(TxOptions.defaults(), work);
  }

  /** Runs {@code work} in one transaction. */
  public void transaction(TxOptions options, SqlRunnable work) {
    Objects.requireNonNull(work, "work");
    transaction(options, () -> {
      work.run();
      return null;
    });
  }

  /**
   * Runs {@code work} as one unit of work and returns its result.
   *
   * <p><b>What is rolled back.</b> The unit commits when {@code work} returns. When it throws,
   * everything it wrote is rolled back and the exception rethrown ({@link SQLException}s as the
   * matching {@link QuarryException}). When a statement inside it failed and {@code work} caught
   * the failure and returned normally, the unit is rolled back as well and a
   * {@link QuarryException} with SQLSTATE 25P02 is thrown, the caught failure as its cause:
   * PostgreSQL aborts a transaction at its first error, and a unit never reports success for
   * work that was thrown away. To go on after an expected failure, run the statement in a
   * nested unit and catch outside it:
   *
   * <pre>{@code
   * db.transaction(() -> {
   *   orders.insert(order);
   *   try {
   *     db.transaction(() -> coupons.insert(coupon));   // a savepoint
   *   } catch (UniqueViolationException alreadyUsed) {
   *     // only the coupon is rolled back; the order commits
   *   }
   * });
   * }</pre>
   *
   * <p><b>Nested units.</b> Called inside a unit of this database on the same thread, or on a
   * connection an outer transaction {@linkplain ConnectionProvider#isManaged manages} (Spring,
   * JTA), {@code work} runs as a savepoint of the enclosing transaction: when it throws, or
   * returns after a caught statement failure, only its own work is rolled back and the
   * exception reaches the caller, who may catch it and go on. Its writes commit when, and only
   * when, the enclosing transaction commits. Its {@link TxOptions#statementTimeout
   * statementTimeout} and {@link TxOptions#lockTimeout lockTimeout} apply to it alone. An
   * isolation level or read-only mode other than the enclosing transaction's, or
   * {@link TxOptions#retries retries}, throw {@link IllegalStateException} before anything
   * runs: PostgreSQL fixes those for the whole transaction, and Quarry never ignores an option
   * silently.
   *
   * <p><b>What is retried.</b> Only an outermost unit Quarry owns, only when
   * {@link TxOptions#retries(int)} allows, and only after a serialization failure (40001) or
   * deadlock (40P01): the whole of {@code work} runs again in a new transaction. Nothing else
   * is ever retried.
   *
   * <p><b>What can never happen.</b> A unit never returns normally without having committed
   * all its work (or, nested, without its work being part of the enclosing transaction). A
   * connection lost before COMMIT was sent throws {@link ConnectionLostException}, and nothing
   * was committed. A connection lost while COMMIT was in flight throws
   * {@link TransactionOutcomeUnknownException} and is never retried, because the unit may have
   * committed. No setting of a unit (isolation, read-only, timeouts) outlives it on the pooled
   * connection.
   *
   * @throws IllegalStateException when a nested unit's options contradict the enclosing ones
   */
  public <T> T transaction(TxOptions options, SqlSupplier<T> work) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(work, "work");
    Transaction tx = current.get();
    if (tx != null) {
      return tx.runNested(options, work);
    }
    Connection c = acquire("Database.transaction", readsOnly(options));
    if (managed(c, "Database.transaction")) {
      return joinOuter(c, options, work);
    }
    for (int attempt = 0; ; attempt++) {
      try {
        return runOutermost(c, options, work);
      } catch (RuntimeException e) {
        if (attempt >= options.retries() || !SqlStates.isRetryable(e)) {
          throw e;
        }
        pause(attempt);
        c = acquire("Database.transaction", readsOnly(options));
      }
    }
  }

  /**
   * Lends a connection to raw JDBC code: the transaction's when the calling thread is inside
   * one, else one from the {@link ConnectionProvider}, given back afterwards: in auto-commit
   * mode, or as it is when an outer transaction manages it. A failure that leaves
   * {@code callback} inside a unit counts as a failed statement of that unit. With
   * {@link #builder replicas}, always the primary's.
   */
  public <T> T withConnection(ConnectionCallback<T> callback) {
    return lend(callback, false);
  }

  /**
   * As {@link #withConnection}, for work that only reads: with {@link #builder replicas} and
   * outside a unit it runs on a standby that qualifies, else on the primary. If the work fails
   * on a standby because it writes (SQLSTATE 25006) or the standby went away, it runs once more
   * on the primary, so {@code callback} must be safe to run twice.
   */
  public <T> T withReadConnection(ConnectionCallback<T> callback) {
    return lend(callback, true);
  }

  private <T> T lend(ConnectionCallback<T> callback, boolean read) {
    Objects.requireNonNull(callback, "callback");
    Transaction tx = current.get();
    if (tx != null) {
      try {
        return callback.apply(tx.connection());
      } catch (SQLException e) {
        throw tx.failed(SqlStates.translate(e, "Database.withConnection", null));
      } catch (QuarryException e) {
        throw tx.failed(e);
      }
    }
    Connection c = acquire("Database.withConnection", read);
    boolean managed = false;
    T result;
    try {
      managed = connections.isManaged(c);
      // A managed connection runs in its owner's transaction: auto-commit is the owner's.
      if (!managed && !c.getAutoCommit()) {
        c.setAutoCommit(true);
      }
      result = callback.apply(c);
    } catch (SQLException e) {
      RuntimeException failure = SqlStates.translate(e, "Database.withConnection", null);
      if (read && readsAgainOnPrimary(c, failure)) {
        return lend(callback, false);
      }
      failed(c, managed, failure);
      throw failure;
    } catch (RuntimeException e) {
      if (read && readsAgainOnPrimary(c, e)) {
        return lend(callback, false);
      }
      failed(c, managed, e);
      throw e;
    } catch (Error e) {
      failed(c, managed, e);
      throw e;
    }
    giveBack(c, null);
    return result;
  }

  /**
   * Whether a read that failed on a standby runs again on the primary: it wrote after all
   * (25006) or the standby went away. The standby's connection is given back first.
   */
  private boolean readsAgainOnPrimary(Connection c, RuntimeException failure) {
    if (connections.isReplica(c) && failure instanceof QuarryException q && SqlStates.belongsOnPrimary(q.sqlState())) {
      giveBack(c, failure);
      return true;
    }
    return false;
  }

  /** Standbys run read-only units, but not serializable ones (PostgreSQL refuses that in recovery). */
  private static boolean readsOnly(TxOptions options) {
    return options.readOnly() && options.isolation() != TxOptions.Isolation.SERIALIZABLE;
  }

  /**
   * A unit on a connection an outer transaction owns: a savepoint in that transaction, which
   * alone commits or rolls back; the connection is handed back as it is. The owner is told to
   * roll back only when the unit's failure left its transaction unusable (the savepoint could
   * not be rolled back to); otherwise, as for any nested unit, only the unit's work is undone.
   */
  private <T> T joinOuter(Connection c, TxOptions options, SqlSupplier<T> work) {
    Transaction tx = new Transaction(c);
    current.set(tx);
    T result;
    try {
      result = tx.runNested(options, work);
    } catch (RuntimeException | Error e) {
      current.remove();
      if (tx.unusable()) {
        failed(c, true, e);
      } else {
        giveBack(c, e);
      }
      throw e;
    }
    current.remove();
    giveBack(c, null);
    return result;
  }

  /** After failed work: tells the outer owner of a managed connection, then gives it back. */
  private void failed(Connection c, boolean managed, Throwable failure) {
    if (managed) {
      try {
        connections.markRollbackOnly(c);
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
    giveBack(c, failure);
  }

  private <T> T runOutermost(Connection c, TxOptions options, SqlSupplier<T> work) {
    try {
      c.setAutoCommit(false);
    } catch (SQLException e) {
      RuntimeException failure = SqlStates.translate(e, "Database.transaction", null);
      giveBack(c, failure);
      throw failure;
    }
    Transaction tx = new Transaction(c);
    current.set(tx);
    try {
      return tx.runOutermost(options, work);
    } finally {
      current.remove();
      release(c);
    }
  }

  /**
   * Hands the connection back in auto-commit mode. After a lost connection this fails too;
   * that must never hide the failure that ended the unit of work, so it is ignored (the pool
   * discards broken connections itself).
   */
  private void release(Connection c) {
    try {
      c.setAutoCommit(true);
    } catch (SQLException ignored) {
      // the connection is broken; releasing it below lets the pool evict it
    }
    giveBack(c, null);
  }

  private Connection acquire(String method, boolean read) {
    try {
      return read ? connections.acquireForRead() : connections.acquire();
    } catch (SQLException e) {
      throw SqlStates.translate(e, method, null);
    }
  }

  private boolean managed(Connection c, String method) {
    try {
      return connections.isManaged(c);
    } catch (SQLException e) {
      RuntimeException failure = SqlStates.translate(e, method, null);
      giveBack(c, failure);
      throw failure;
    }
  }

  /**
   * Returns {@code c} to the provider. A failure to do so is attached to the failure of the
   * work, which it must never hide, and otherwise ignored: the work is done (or committed),
   * and reporting it as failed would be a lie.
   */
  private void giveBack(Connection c, Throwable failure) {
    try {
      connections.release(c);
    } catch (SQLException e) {
      if (failure != null) {
        failure.addSuppressed(e);
      }
    }
  }

  /** Full-jitter exponential backoff: a random pause up to 5 ms, 10 ms, 20 ms ... 1 s. */
  private static void pause(int attempt) {
    long ceiling = Math.min(BACKOFF_CAP_MILLIS, BACKOFF_BASE_MILLIS << Math.min(attempt, 20));
    try {
      TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QuarryException("interrupted while waiting to retry a transaction", null, null, e);
    }
  }
}
