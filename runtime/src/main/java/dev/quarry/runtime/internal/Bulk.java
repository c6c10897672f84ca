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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

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
    return copy(c, sql, rows, encoder, false, null);
  }

  /**
   * As {@link #copy}, into a staging table whose COPY lists {@code quarry_ordinal} first: each
   * row is preceded by its 1-based position in {@code rows} ({@link CopyEncoder#numbered()}).
   */
  public static <T> long copyToStage(Connection c, String sql, Collection<T> rows, RowEncoder<? super T> encoder)
      throws SQLException {
    return copy(c, sql, rows, encoder, true, null);
  }

  /**
   * As {@link #copyToStage(Connection, String, Collection, RowEncoder)}, for rows ordered by key in
   * Java: each row is preceded by its signed ordinal ({@link LastGiven}). When a row fails, the
   * error also says which row given it is, since COPY's {@code line N} counts rows in key order.
   */
  public static <T> long copyToStage(Connection c, String sql, LastGiven.Staged<T> staged, RowEncoder<? super T> encoder)
      throws SQLException {
    return copy(c, sql, staged.rows(), encoder, true, staged);
  }

  // its own line of the context: a value's type may put its own context first ("JSON data, line 1: ...")
  private static final Pattern COPY_LINE = Pattern.compile("^COPY [^\n]*?, line (\\d+)", Pattern.MULTILINE);

  private static <T> long copy(Connection c, String sql, Collection<T> rows, RowEncoder<? super T> encoder,
      boolean numbered, LastGiven.Staged<?> staged) throws SQLException {
    try {
      CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
      try {
        CopyEncoder out = new CopyEncoder(copy);
        if (staged != null) {
          out.numbered(staged.ordinals());
        } else if (numbered) {
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
      throw StatementFailure.of(sql, e, staged == null ? null : givenRow(e, staged));
    }
  }

  /** Which row given a failure at COPY's {@code line N} is, when rows were staged in key order. */
  private static String givenRow(SQLException e, LastGiven.Staged<?> staged) {
    ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
    Matcher line = COPY_LINE.matcher(server == null || server.getWhere() == null ? "" : server.getWhere());
    if (!line.find()) {
      return null;
    }
    long n = Long.parseLong(line.group(1));
    return n < 1 || n > staged.ordinals().length ? null : "line " + n + " of the COPY is row "
        + staged.positionOf(n) + " of the rows given (rows are staged in key order)";
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
