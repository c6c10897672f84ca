package dev.quarry.runtime;

/**
 * Told about every statement a generated DAO method runs: which method, which SQL, how long it
 * took and how it ended. This is where metrics and tracing plug in ({@code quarry-spring} turns
 * it into Micrometer observations); give one to {@link Database#of(ConnectionProvider, StatementListener)}.
 *
 * <p>For each statement run (most DAO methods run one; an {@code update} that finds no row runs a
 * second to tell a missing row from a stale version) Quarry calls {@link #started} on the
 * calling thread before borrowing a connection, then {@link Run#finished} exactly once on the
 * same thread when the call returns or throws. The duration therefore includes the wait for a
 * pooled connection, as the caller experiences it. A bulk method ({@code insertAll},
 * {@code upsertAll}) is one run for all its rows.
 *
 * <p>Listeners run on the hot path: keep them fast, and never throw. An exception thrown by a
 * listener is added as suppressed to the statement's own failure; after a statement that
 * succeeded it goes to the thread's {@link Thread.UncaughtExceptionHandler} and the call returns
 * normally, since failing it would report a write that may be committed as failed.
 * Bound values are never passed: the SQL holds {@code ?} placeholders only.
 */
public interface StatementListener {
  /** Ignores everything; {@link Database#of(javax.sql.DataSource)} uses it and then measures nothing. */
  StatementListener NONE = (method, sql) -> Run.NONE;

  /**
   * A statement is about to run.
   *
   * @param method the DAO method, as {@code "ArticleDao.findById"}; a low-cardinality name fit
   *     for a metric tag
   * @param sql the statement's text with {@code ?} placeholders; for a bulk method that runs
   *     several statements on one connection, the one that writes the rows
   * @return what is told when the run ends; never {@code null}
   */
  Run started(String method, String sql);

  /** One run of a statement, told once how it ended. */
  @FunctionalInterface
  interface Run {
    /** Does nothing. */
    Run NONE = (nanos, failure) -> { };

    /**
     * The statement finished.
     *
     * @param nanos the time since {@link StatementListener#started}, in nanoseconds
     * @param failure {@code null} when it succeeded, else what the caller receives (a
     *     {@link QuarryException} for a database failure)
     */
    void finished(long nanos, Throwable failure);
  }
}
