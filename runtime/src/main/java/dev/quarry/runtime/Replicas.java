package dev.quarry.runtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Chooses a streaming-replication standby for a read, or none (then the primary serves it).
 * A standby qualifies when it answers, is in recovery, lags the primary by at most the
 * configured replay lag, and has replayed every commit the calling thread made on the primary
 * (read-your-writes, by WAL position).
 *
 * <p>A standby's state is read with one query ({@code pg_last_wal_replay_lsn()},
 * {@code pg_last_xact_replay_timestamp()}, {@code pg_stat_wal_receiver}) and kept for a quarter
 * of the lag bound (10 ms to 1 s), so routing adds a round trip only now and then; a thread
 * whose last commit is past the kept position checks again before it falls back to the primary.
 * A standby that fails to answer is skipped for one second.
 */
final class Replicas {
  /**
   * Replay lag in ms: 0 when everything received is replayed and the WAL receiver streams
   * (an idle primary sends nothing, so an old last-replay time means nothing); else the age of
   * the last replayed commit, which grows while replay is behind or the stream is cut.
   */
  private static final String STATUS = "SELECT pg_is_in_recovery(), "
      + "coalesce(pg_last_wal_replay_lsn() - '0/0'::pg_lsn, -1)::bigint, "
      + "CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() "
      + "AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') THEN 0 "
      + "ELSE coalesce(extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000, 'Infinity') END";

  /** The WAL position after the thread's last commit on the primary, in bytes from 0/0. */
  static final String CURRENT_LSN = "SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint";

  private static final long DOWN_FOR_NANOS = Duration.ofSeconds(1).toNanos();

  private final List<Standby> standbys;
  private final double maxLagMillis;
  private final long refreshNanos;
  private final ThreadLocal<long[]> committedUpTo = ThreadLocal.withInitial(() -> new long[] {-1});
  private final AtomicInteger next = new AtomicInteger();

  Replicas(List<DataSource> dataSources, Duration maxLag) {
    this.standbys = dataSources.stream().map(Standby::new).toList();
    this.maxLagMillis = maxLag.toNanos() / 1e6;
    this.refreshNanos = Math.max(Duration.ofMillis(10).toNanos(), Math.min(Duration.ofSeconds(1).toNanos(), maxLag.toNanos() / 4));
  }

  /**
   * A connection to a qualifying standby, in auto-commit mode, or {@code null} when none
   * qualifies and the read belongs on the primary.
   */
  Connection acquire() {
    long required = committedUpTo.get()[0];
    int start = Math.floorMod(next.getAndIncrement(), standbys.size());
    for (int i = 0; i < standbys.size(); i++) {
      Connection c = standbys.get((start + i) % standbys.size()).acquire(required);
      if (c != null) {
        return c;
      }
    }
    return null;
  }

  /** Remembers where the primary's WAL stands after a commit made on {@code primary}. */
  void committed(Connection primary) throws SQLException {
    try (PreparedStatement ps = primary.prepareStatement(CURRENT_LSN); ResultSet rs = ps.executeQuery()) {
      rs.next();
      long[] position = committedUpTo.get();
      position[0] = Math.max(position[0], rs.getLong(1));
    }
  }

  /** Marks the standby behind {@code c} as down after a connection failure on it. */
  void failed(Connection c) {
    for (Standby s : standbys) {
      s.failedIfOwns(c);
    }
  }

  private final class Standby {
    private final DataSource dataSource;
    private volatile long checkedAt = Long.MIN_VALUE;
    private volatile long replayed = -1;
    private volatile double lagMillis = Double.POSITIVE_INFINITY;
    private volatile boolean inRecovery;
    private volatile long downUntil = Long.MIN_VALUE;
    private final ThreadLocal<Connection> lent = new ThreadLocal<>();

    Standby(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    Connection acquire(long required) {
      long now = System.nanoTime();
      if (now - downUntil < 0) {
        return null;
      }
      boolean fresh = now - checkedAt < refreshNanos;
      if (fresh && !(inRecovery && lagMillis <= maxLagMillis)) {
        return null;
      }
      Connection c = null;
      try {
        c = dataSource.getConnection();
        if (!fresh || replayed < required) {
          refresh(c);
        }
        if (inRecovery && lagMillis <= maxLagMillis && replayed >= required) {
          lent.set(c);
          return c;
        }
        c.close();
        return null;
      } catch (SQLException e) {
        downUntil = System.nanoTime() + DOWN_FOR_NANOS;
        closeQuietly(c);
        return null;
      }
    }

    private void refresh(Connection c) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement(STATUS); ResultSet rs = ps.executeQuery()) {
        rs.next();
        inRecovery = rs.getBoolean(1);
        replayed = rs.getLong(2);
        lagMillis = rs.getDouble(3);
        checkedAt = System.nanoTime();
      }
    }

    void failedIfOwns(Connection c) {
      if (lent.get() == c) {
        downUntil = System.nanoTime() + DOWN_FOR_NANOS;
        lent.remove();
      }
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // the connection is already unusable; the read goes to the primary
      }
    }
  }
}
