package dev.quarry.runtime;

/**
 * How {@link Database#transaction(TxOptions, SqlSupplier)} runs a unit of work. Immutable:
 * each setter returns a new instance.
 *
 * <pre>{@code
 * db.transaction(TxOptions.defaults().isolation(Isolation.SERIALIZABLE).retries(5), () -> ...);
 * }</pre>
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

  private static final TxOptions DEFAULTS = new TxOptions(null, 0, false);

  private final Isolation isolation;
  private final int retries;
  private final boolean readOnly;

  private TxOptions(Isolation isolation, int retries, boolean readOnly) {
    this.isolation = isolation;
    this.retries = retries;
    this.readOnly = readOnly;
  }

  /** The server's default isolation (normally READ COMMITTED), no retries, read-write. */
  public static TxOptions defaults() {
    return DEFAULTS;
  }

  /** Runs the transaction at this isolation level. */
  public TxOptions isolation(Isolation isolation) {
    if (isolation == null) {
      throw new IllegalArgumentException("isolation must not be null");
    }
    return new TxOptions(isolation, retries, readOnly);
  }

  /**
   * Reruns the whole unit of work up to {@code retries} more times when it fails with a
   * serialization failure (SQLSTATE 40001) or a deadlock (40P01), after a jittered,
   * exponentially growing pause. The work must be safe to run again: everything it decides
   * must be decided inside it.
   */
  public TxOptions retries(int retries) {
    if (retries < 0 || retries > 1000) {
      throw new IllegalArgumentException("retries must be between 0 and 1000, was " + retries);
    }
    return new TxOptions(isolation, retries, readOnly);
  }

  /** Runs the transaction READ ONLY: PostgreSQL refuses writes in it. */
  public TxOptions readOnly(boolean readOnly) {
    return new TxOptions(isolation, retries, readOnly);
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
    return readOnly;
  }

  /** The {@code SET TRANSACTION} statement these options need, or {@code null} for none. */
  String setTransactionSql() {
    if (isolation == null && !readOnly) {
      return null;
    }
    StringBuilder sql = new StringBuilder("SET TRANSACTION");
    if (isolation != null) {
      sql.append(" ISOLATION LEVEL ").append(isolation.sql());
    }
    if (readOnly) {
      sql.append(isolation != null ? "," : "").append(" READ ONLY");
    }
    return sql.toString();
  }

  @Override
  public String toString() {
    return "TxOptions[isolation=" + isolation + ", retries=" + retries + ", readOnly=" + readOnly + "]";
  }
}
