package dev.quarry.runtime;

import dev.quarry.runtime.internal.SqlStates;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
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
 */
public final class Database {
  private static final long BACKOFF_BASE_MILLIS = 5;
  private static final long BACKOFF_CAP_MILLIS = 1000;

  private final DataSource dataSource;
  private final ThreadLocal<Connection> current = new ThreadLocal<>();

  private Database(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A database over {@code dataSource}, usually a connection pool. */
  public static Database of(DataSource dataSource) {
    return new Database(Objects.requireNonNull(dataSource, "dataSource"));
  }

  /** The data source connections come from. */
  public DataSource dataSource() {
    return dataSource;
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
   * Runs {@code work} in one transaction and returns its result.
   *
   * <p>It commits when {@code work} returns. When {@code work} throws, the whole unit is
   * rolled back and the exception rethrown ({@link SQLException}s as the matching
   * {@link QuarryException}). A serialization failure or deadlock reruns the whole unit when
   * {@link TxOptions#retries(int)} allows. Called inside another transaction of this database
   * on the same thread, it joins that transaction, whose options then apply.
   */
  public <T> T transaction(TxOptions options, SqlSupplier<T> work) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(work, "work");
    if (inTransaction()) {
      return call(work);
    }
    for (int attempt = 0; ; attempt++) {
      try {
        return runOnce(options, work);
      } catch (RuntimeException e) {
        if (attempt >= options.retries() || !SqlStates.isRetryable(e)) {
          throw e;
        }
        pause(attempt);
      }
    }
  }

  /**
   * Lends a connection to raw JDBC code: the transaction's when the calling thread is inside
   * one, else a connection of its own in auto-commit mode, closed afterwards.
   */
  public <T> T withConnection(ConnectionCallback<T> callback) {
    Objects.requireNonNull(callback, "callback");
    Connection tx = current.get();
    try {
      if (tx != null) {
        return callback.apply(tx);
      }
      try (Connection c = dataSource.getConnection()) {
        if (!c.getAutoCommit()) {
          c.setAutoCommit(true);
        }
        return callback.apply(c);
      }
    } catch (SQLException e) {
      throw SqlStates.translate(e, "Database.withConnection", null);
    }
  }

  private <T> T runOnce(TxOptions options, SqlSupplier<T> work) {
    Connection c;
    try {
      c = dataSource.getConnection();
      c.setAutoCommit(false);
    } catch (SQLException e) {
      throw SqlStates.translate(e, "Database.transaction", null);
    }
    current.set(c);
    try {
      String set = options.setTransactionSql();
      if (set != null) {
        // SET TRANSACTION applies to this transaction only, so the pooled connection keeps
        // its session defaults and nothing has to be restored afterwards.
        try (Statement s = c.createStatement()) {
          s.execute(set);
        }
      }
      T result = work.get();
      c.commit();
      return result;
    } catch (SQLException e) {
      RuntimeException failure = SqlStates.translate(e, "Database.transaction", null);
      rollback(c, failure);
      throw failure;
    } catch (RuntimeException | Error e) {
      rollback(c, e);
      throw e;
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
  private static void release(Connection c) {
    try {
      c.setAutoCommit(true);
    } catch (SQLException ignored) {
      // the connection is broken; closing it below lets the pool evict it
    }
    try {
      c.close();
    } catch (SQLException ignored) {
      // nothing useful to do with a failed close
    }
  }

  private <T> T call(SqlSupplier<T> work) {
    try {
      return work.get();
    } catch (SQLException e) {
      throw SqlStates.translate(e, "Database.transaction", null);
    }
  }

  private static void rollback(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
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
