package dev.quarry.runtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The {@link ConnectionProvider} of {@link Database#builder}: writes and read-write units on the
 * primary, reads on a streaming-replication standby that qualifies, else on the primary.
 *
 * <p>A standby qualifies when it answers, is in recovery, its replay lag is within the bound,
 * and it has replayed the primary's WAL up to where it stood when the calling thread last gave
 * back a primary connection (read-your-writes). The thread's position is read with
 * {@code pg_current_wal_insert_lsn()} as each primary connection goes back (the insert position,
 * not the write position: with {@code synchronous_commit = off} a commit record may not be
 * written yet when COMMIT returns), the standby's with
 * {@code pg_last_wal_replay_lsn()}. A standby's state is kept for a quarter of the lag bound
 * (10 ms to 1 s), so routing costs a round trip only now and then; a thread whose position is
 * past the kept one asks again before it turns to the primary. A standby whose connection
 * fails is left out for one second.
 */
final class ReplicaRouting implements ConnectionProvider {
  /**
   * Replay lag in ms: 0 when all WAL received is replayed and the receiver is streaming (an idle
   * primary sends nothing, so an old last commit means nothing then); else the age of the last
   * replayed commit, which grows while replay is paused or behind, or the stream is cut.
   */
  private static final String STATUS = "SELECT pg_is_in_recovery(), "
      + "coalesce((pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint, -1), "
      + "CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() "
      + "AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') THEN 0 "
      + "ELSE coalesce(extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000, 'Infinity') END";

  private static final String CURRENT_LSN = "SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint";
  private static final long LEFT_OUT_NANOS = Duration.ofSeconds(1).toNanos();

  private final ConnectionProvider primary;
  private final List<Standby> standbys;
  private final double maxLagMillis;
  private final long keepNanos;
  private final ThreadLocal<long[]> position = ThreadLocal.withInitial(() -> new long[] {-1});
  private final Map<Connection, Standby> lent = new ConcurrentHashMap<>();
  private final AtomicInteger next = new AtomicInteger();

  ReplicaRouting(ConnectionProvider primary, List<DataSource> standbys, Duration maxLag) {
    this.primary = primary;
    this.standbys = standbys.stream().map(Standby::new).toList();
    this.maxLagMillis = maxLag.toNanos() / 1e6;
    this.keepNanos = Math.max(Duration.ofMillis(10).toNanos(), Math.min(Duration.ofSeconds(1).toNanos(), maxLag.toNanos() / 4));
  }

  @Override
  public DataSource dataSource() {
    return primary.dataSource();
  }

  @Override
  public Connection acquire() throws SQLException {
    return primary.acquire();
  }

  /** A qualifying standby's connection, round robin over the standbys, else the primary's. */
  @Override
  public Connection acquireForRead() throws SQLException {
    long required = position.get()[0];
    int start = Math.floorMod(next.getAndIncrement(), standbys.size());
    for (int i = 0; i < standbys.size(); i++) {
      Standby s = standbys.get((start + i) % standbys.size());
      Connection c = s.lend(required);
      if (c != null) {
        lent.put(c, s);
        return c;
      }
    }
    return primary.acquire();
  }

  @Override
  public boolean isReplica(Connection connection) {
    return lent.containsKey(connection);
  }

  @Override
  public boolean isManaged(Connection connection) throws SQLException {
    return !isReplica(connection) && primary.isManaged(connection);
  }

  @Override
  public void markRollbackOnly(Connection connection) {
    if (!isReplica(connection)) {
      primary.markRollbackOnly(connection);
    }
  }

  /**
   * A standby's connection is closed (and its standby left out for a while if it broke); a
   * primary connection that Quarry owns first records where the primary's WAL stands, the
   * position this thread's later reads must see.
   */
  @Override
  public void release(Connection connection) throws SQLException {
    Standby s = lent.remove(connection);
    if (s != null) {
      if (connection.isClosed()) {
        s.leaveOut();
      }
      connection.close();
      return;
    }
    try {
      if (!connection.isClosed() && !primary.isManaged(connection)) {
        remember(connection);
      }
    } finally {
      primary.release(connection);
    }
  }

  private void remember(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(CURRENT_LSN); ResultSet rs = ps.executeQuery()) {
      rs.next();
      long[] p = position.get();
      p[0] = Math.max(p[0], rs.getLong(1));
    }
  }

  @Override
  public String toString() {
    return "ReplicaRouting(primary " + primary + ", " + standbys.size() + " standbys, max lag " + maxLagMillis + " ms)";
  }

  /** One standby and what was last seen of it. */
  private final class Standby {
    private final DataSource dataSource;
    private volatile long checkedAt;
    private volatile boolean checked;
    private volatile boolean inRecovery;
    private volatile long replayed = -1;
    private volatile double lagMillis = Double.POSITIVE_INFINITY;
    private volatile long leftOutUntil;
    private volatile boolean leftOut;

    Standby(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    /** A connection when this standby qualifies for a reader that needs {@code required}, else {@code null}. */
    Connection lend(long required) {
      long now = System.nanoTime();
      if (leftOut && now - leftOutUntil < 0) {
        return null;
      }
      boolean fresh = checked && now - checkedAt < keepNanos;
      if (fresh && !healthy()) {
        return null;
      }
      Connection c = null;
      try {
        c = dataSource.getConnection();
        if (!fresh || replayed < required) {
          check(c);
        }
        if (healthy() && replayed >= required) {
          return c;
        }
        c.close();
        return null;
      } catch (SQLException e) {
        leaveOut();
        closeQuietly(c);
        return null;
      }
    }

    private boolean healthy() {
      return inRecovery && lagMillis <= maxLagMillis;
    }

    private void check(Connection c) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement(STATUS); ResultSet rs = ps.executeQuery()) {
        rs.next();
        inRecovery = rs.getBoolean(1);
        replayed = rs.getLong(2);
        lagMillis = rs.getDouble(3);
        checkedAt = System.nanoTime();
        checked = true;
      }
    }

    void leaveOut() {
      leftOutUntil = System.nanoTime() + LEFT_OUT_NANOS;
      leftOut = true;
      checked = false;
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // already broken; the read goes elsewhere
      }
    }
  }
}
