package dev.quarry.runtime.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** What bulk DAO methods share: binary COPY, identity reservation, columns as arrays. */
public final class Bulk {
  private Bulk() {}

  /** Writes one row with the encoder; generated per table. */
  @FunctionalInterface
  public interface RowEncoder<T> {
    void encode(T row, CopyEncoder out) throws SQLException;
  }

  /**
   * Streams {@code rows} through {@code COPY ... FROM STDIN (FORMAT binary)} and returns the
   * number of rows copied. COPY is one statement: when any row fails, none is stored. Works
   * through pooled connections, which wrap pgjdbc's, by unwrapping {@link PGConnection}.
   */
  public static <T> long copy(Connection c, String sql, Collection<T> rows, RowEncoder<? super T> encoder)
      throws SQLException {
    return copy(c, sql, rows, encoder, false);
  }

  /**
   * As {@link #copy}, into a staging table whose COPY lists {@code quarry_ordinal} first: each
   * row is preceded by its 1-based position in {@code rows} ({@link CopyEncoder#numbered()}).
   */
  public static <T> long copyToStage(Connection c, String sql, Collection<T> rows, RowEncoder<? super T> encoder)
      throws SQLException {
    return copy(c, sql, rows, encoder, true);
  }

  private static <T> long copy(Connection c, String sql, Collection<T> rows, RowEncoder<? super T> encoder,
      boolean numbered) throws SQLException {
    try {
      CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
      try {
        CopyEncoder out = new CopyEncoder(copy);
        if (numbered) {
          out.numbered();
        }
        for (T row : rows) {
          encoder.encode(row, out);
        }
        out.finish();
        return copy.endCopy();
      } finally {
        if (copy.isActive()) {
          copy.cancelCopy();
        }
      }
    } catch (SQLException e) {
      throw StatementFailure.of(sql, e);
    }
  }

  /**
   * Reserves {@code count} values of an identity column with one statement, so that bulk rows
   * with a null id can be sent with their final ids.
   */
  public static long[] nextIdentities(Connection c, String sql, int count) throws SQLException {
    long[] ids = new long[count];
    if (count == 0) {
      return ids;
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, count);
      try (ResultSet rs = ps.executeQuery()) {
        for (int i = 0; i < count && rs.next(); i++) {
          ids[i] = rs.getLong(1);
        }
      }
    } catch (SQLException e) {
      throw StatementFailure.of(sql, e);
    }
    return ids;
  }

  /**
   * Runs a generated statement that moves an identity's sequence to {@code id} when it is
   * behind it (the statement binds {@code id} twice); nothing when {@code id} is null.
   */
  public static void advanceIdentity(Connection c, String sql, Long id) throws SQLException {
    if (id == null) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, id);
      ps.setLong(2, id);
      ps.executeQuery().close();
    } catch (SQLException e) {
      throw StatementFailure.of(sql, e);
    }
  }

  /**
   * Whether every row is new: none has an id, so the table's identity can number them as COPY
   * stores them, with no round trip to reserve ids first.
   *
   * @throws NullPointerException when a row is null
   */
  public static <T> boolean allWithoutId(Collection<T> rows, Function<? super T, ?> id) {
    boolean none = true;
    for (T row : rows) {
      if (row == null) {
        throw new NullPointerException("rows must not contain null");
      }
      none &= id.apply(row) == null;
    }
    return none;
  }

  /** The largest non-null id among {@code rows} (null rows skipped), or null when every id is null. */
  public static <T> Long maxId(Collection<T> rows, Function<? super T, Long> id) {
    Long max = null;
    for (T row : rows) {
      Long v = row == null ? null : id.apply(row);
      if (v != null && (max == null || v > max)) {
        max = v;
      }
    }
    return max;
  }

  /** One column of {@code rows}, for binding as an array. */
  public static <T> List<Object> column(List<T> rows, Function<? super T, ?> value) {
    List<Object> values = new ArrayList<>(rows.size());
    for (T row : rows) {
      values.add(value.apply(row));
    }
    return values;
  }

  /** Runs a statement without parameters or results, such as DDL for a staging table. */
  public static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw StatementFailure.of(sql, e);
    }
  }

  /** Runs an INSERT, MERGE or UPDATE without parameters and returns its row count. */
  public static int executeUpdate(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      return s.executeUpdate(sql);
    } catch (SQLException e) {
      throw StatementFailure.of(sql, e);
    }
  }
}
