package dev.quarry.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@link Database#transaction(TxOptions, SqlSupplier)} runs a unit of work. Immutable:
 * each setter returns a new instance.
 *
 * <pre>{@code
 * db.transaction(TxOptions.defaults().isolation(Isolation.SERIALIZABLE).retries(5), () -> ...);
 * db.transaction(TxOptions.defaults().statementTimeout(Duration.ofSeconds(2)), () -> ...);
 * }</pre>
 *
 * <p>Everything here lasts for one transaction only ({@code SET TRANSACTION}, {@code SET
 * LOCAL}), so a pooled connection goes back to the pool with its session settings untouched.
 * For a unit nested in another (a savepoint), isolation and read-only must agree with the
 * enclosing transaction, retries are refused, and the timeouts apply to the nested unit only.
 */
public final class TxOptions {
  /** Transaction isolation levels PostgreSQL implements. */
  public enum Isolation {
    READ_COMMITTED("READ COMMITTED"),
    REPEATABLE_READ("REPEATABLE READ"),
    SERIALIZABLE("SERIALIZABLE");

    private final String sql;

    Isolation(String sql) {
      this.sql = sql;
    }

    /** The level as {@code SET TRANSACTION} spells it. */
    public String sql() {
      return sql;
    }
  }

  /** PostgreSQL's limit for {@code statement_timeout} and {@code lock_timeout}: INT_MAX ms. */
  private static final long MAX_TIMEOUT_MILLIS = Integer.MAX_VALUE;

  private static final TxOptions DEFAULTS = new TxOptions(null, 0, null, null, null);

  private final Isolation isolation;
  private final int retries;
  private final Boolean readOnly;
  private final Duration statementTimeout;
  private final Duration lockTimeout;

  private TxOptions(Isolation isolation, int retries, Boolean readOnly, Duration statementTimeout, Duration lockTimeout) {
    this.isolation = isolation;
    this.retries = retries;
    this.readOnly = readOnly;
    this.statementTimeout = statementTimeout;
    this.lockTimeout = lockTimeout;
  }

  /**
   * The server's default isolation (normally READ COMMITTED), no retries, read-write, and the
   * server's statement and lock timeouts.
   */
  public static TxOptions defaults() {
    return DEFAULTS;
  }

  /** Runs the transaction at this isolation level. */
  public TxOptions isolation(Isolation isolation) {
    if (isolation == null) {
      throw new IllegalArgumentException("isolation must not be null");
    }
    return new TxOptions(isolation, retries, readOnly, statementTimeout, lockTimeout);
  }

  /**
   * Reruns the whole unit of work up to {@code retries} more times when it fails with a
   * serialization failure (SQLSTATE 40001) or a deadlock (40P01), after a jittered,
   * exponentially growing pause (up to 5 ms, 10 ms, 20 ms ... 1 s). Nothing else is retried:
   * not a constraint violation, not a timeout, never a lost connection (which may have
   * committed). The work must be safe to run again: everything it decides must be decided
   * inside it. Only an outermost unit retries; a nested unit asking for retries is refused.
   */
  public TxOptions retries(int retries) {
    if (retries < 0 || retries > 1000) {
      throw new IllegalArgumentException("retries must be between 0 and 1000, was " + retries);
    }
    return new TxOptions(isolation, retries, readOnly, statementTimeout, lockTimeout);
  }

  /** Runs the transaction READ ONLY ({@code true}) or READ WRITE: PostgreSQL refuses writes in a read-only one. */
  public TxOptions readOnly(boolean readOnly) {
    return new TxOptions(isolation, retries, readOnly, statementTimeout, lockTimeout);
  }

  /**
   * Cancels any statement of the unit that runs longer than {@code timeout} (PostgreSQL's
   * {@code statement_timeout}, set with {@code SET LOCAL}, in whole milliseconds, rounded up).
   * The statement fails with {@link QueryTimeoutException} and the unit is rolled back.
   * {@link Duration#ZERO} turns the timeout off for the unit.
   *
   * @throws IllegalArgumentException if {@code timeout} is null, negative or above
   *     {@code Integer.MAX_VALUE} ms (about 24.8 days)
   */
  public TxOptions statementTimeout(Duration timeout) {
    return new TxOptions(isolation, retries, readOnly, checked("statementTimeout", timeout), lockTimeout);
  }

  /**
   * Fails any statement of the unit that waits longer than {@code timeout} for a lock
   * (PostgreSQL's {@code lock_timeout}, set with {@code SET LOCAL}, in whole milliseconds,
   * rounded up), with a {@link TransientDataException} of SQLSTATE 55P03; the unit is rolled
   * back. {@link Duration#ZERO} turns the timeout off for the unit.
   *
   * @throws IllegalArgumentException if {@code timeout} is null, negative or above
   *     {@code Integer.MAX_VALUE} ms
   */
  public TxOptions lockTimeout(Duration timeout) {
    return new TxOptions(isolation, retries, readOnly, statementTimeout, checked("lockTimeout", timeout));
  }

  /** The isolation level, or {@code null} for the server's default. */
  public Isolation isolation() {
    return isolation;
  }

  /** How many times the work may be rerun. */
  public int retries() {
    return retries;
  }

  /** Whether the transaction is read-only. */
  public boolean readOnly() {
    return Boolean.TRUE.equals(readOnly);
  }

  /** The statement timeout, or {@code null} for the server's. */
  public Duration statementTimeout() {
    return statementTimeout;
  }

  /** The lock timeout, or {@code null} for the server's. */
  public Duration lockTimeout() {
    return lockTimeout;
  }

  /** Whether {@link #readOnly(boolean)} was called: READ WRITE was asked for, not just left as is. */
  boolean readOnlySet() {
    return readOnly != null;
  }

  /**
   * The statements that open a unit with these options: {@code SET TRANSACTION} first (it must
   * precede any query), then {@code SET LOCAL} for the timeouts. Empty for the defaults.
   */
  List<String> openingStatements() {
    List<String> sql = new ArrayList<>(3);
    if (isolation != null || readOnly != null) {
      StringBuilder set = new StringBuilder("SET TRANSACTION");
      if (isolation != null) {
        set.append(" ISOLATION LEVEL ").append(isolation.sql());
      }
      if (readOnly != null) {
        set.append(isolation != null ? "," : "").append(readOnly ? " READ ONLY" : " READ WRITE");
      }
      sql.add(set.toString());
    }
    sql.addAll(timeoutStatements());
    return sql;
  }

  /** {@code SET LOCAL} for each timeout given. */
  List<String> timeoutStatements() {
    List<String> sql = new ArrayList<>(2);
    if (statementTimeout != null) {
      sql.add("SET LOCAL statement_timeout = '" + millis(statementTimeout) + "ms'");
    }
    if (lockTimeout != null) {
      sql.add("SET LOCAL lock_timeout = '" + millis(lockTimeout) + "ms'");
    }
    return sql;
  }

  /** Whole milliseconds, rounded up: a sub-millisecond timeout must not become 0, which means none. */
  private static long millis(Duration d) {
    long ms = d.toMillis();
    return d.minusMillis(ms).isZero() ? ms : ms + 1;
  }

  private static Duration checked(String name, Duration timeout) {
    if (timeout == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    if (timeout.isNegative() || timeout.compareTo(Duration.ofMillis(MAX_TIMEOUT_MILLIS)) > 0) {
      throw new IllegalArgumentException(name + " must be between 0 and " + MAX_TIMEOUT_MILLIS + " ms, was " + timeout);
    }
    return timeout;
  }

  @Override
  public String toString() {
    return "TxOptions[isolation=" + isolation + ", retries=" + retries + ", readOnly=" + readOnly
        + ", statementTimeout=" + statementTimeout + ", lockTimeout=" + lockTimeout + "]";
  }
}
