package dev.quarry.runtime.internal;

import dev.quarry.runtime.Cursor;
import dev.quarry.runtime.Slice;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns the rows of a keyset query into a {@link Slice}. Queries fetch {@code size + 1} rows
 * past the position: the extra row only says that more follow in the direction read. Whether
 * rows lie on the other side is known from the row at the position (read first and dropped) or,
 * where none can answer, from a last column of the seek; the database is asked again only when
 * neither can tell. So {@code next} and {@code previous} are present exactly when rows exist beyond.
 */
public final class Slices {
  private Slices() {}

  /** The cursor at {@code row}, given the row just beyond it ({@code null} when not read). */
  @FunctionalInterface
  public interface Edge<T> {
    Cursor at(T row, T beyond);
  }

  /** Asks whether any row lies beyond the position read from, on the side not read. */
  @FunctionalInterface
  public interface Around {
    boolean test() throws SQLException;
  }

  /**
   * The rows of a seek and its last column: whether rows lie on the other side of the position
   * (true, or NULL for none; read from the first row, false when there is none).
   */
  public record Seek<T>(List<T> rows, boolean otherSide) {}

  /** Runs a seek whose last column, after the mapped ones, answers for the other side. */
  public static <T> Seek<T> seek(Connection c, String sql, Binder binder, RowMapper<T> mapper) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> rows = new ArrayList<>();
        boolean otherSide = false;
        int marker = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          if (rows.isEmpty()) {
            otherSide = rs.getBoolean(marker);
          }
          rows.add(mapper.map(rs));
        }
        return new Seek<>(rows, otherSide);
      }
    }
  }

  /** Tells whether a row sits exactly at the cursor's position. */
  @FunctionalInterface
  public interface AtPosition<T> {
    boolean test(T row);
  }

  /**
   * The rows of a seek that started at the position itself ({@code >=}), for a cursor that
   * excludes its row: the row at the position, when still there, is dropped, and answers that
   * rows lie on the other side; when it is gone, {@code otherSide} asks the database.
   */
  public static <T> Seek<T> pastPosition(List<T> rows, AtPosition<T> atPosition, Around otherSide) throws SQLException {
    if (!rows.isEmpty() && atPosition.test(rows.get(0))) {
      return new Seek<>(rows.subList(1, rows.size()), true);
    }
    return new Seek<>(rows, otherSide.test());
  }

  /** Whether a query returns any row: the seek on the other side of a position, limited to one. */
  public static boolean any(Connection c, String sql, Binder binder) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The first slice: rows read forward from the start, nothing before them. */
  public static <T> Slice<T> first(List<T> rows, int size, Edge<T> cursor) {
    boolean more = rows.size() > size;
    List<T> items = more ? rows.subList(0, size) : rows;
    return new Slice<>(items, more ? cursor.at(items.get(size - 1), rows.get(size)) : null, null);
  }

  /**
   * Rows read forward from {@code position}, in display order. An empty slice keeps its way
   * back: its {@code previous} is the position seen from the other side, when rows lie there.
   */
  public static <T> Slice<T> forward(Seek<T> seek, int size, Edge<T> cursor, Cursor position,
      Around positionPrecededBy) throws SQLException {
    List<T> rows = seek.rows();
    if (rows.isEmpty()) {
      return new Slice<>(rows, null, positionPrecededBy.test() ? CursorCodec.flip(position) : null);
    }
    boolean more = rows.size() > size;
    List<T> items = more ? rows.subList(0, size) : rows;
    Cursor next = more ? cursor.at(items.get(items.size() - 1), rows.get(size)) : null;
    Cursor previous = seek.otherSide() ? cursor.at(items.get(0), null) : null;
    return new Slice<>(items, next, previous);
  }

  /**
   * Rows read backward from {@code position}, nearest first; they are put back in display
   * order. An empty slice's {@code next} is the position seen from the other side.
   */
  public static <T> Slice<T> backward(Seek<T> seek, int size, Edge<T> cursor, Cursor position,
      Around positionFollowedBy) throws SQLException {
    List<T> rows = seek.rows();
    if (rows.isEmpty()) {
      return new Slice<>(rows, positionFollowedBy.test() ? CursorCodec.flip(position) : null, null);
    }
    boolean more = rows.size() > size;
    List<T> items = new ArrayList<>(more ? rows.subList(0, size) : rows);
    Collections.reverse(items);
    Cursor previous = more ? cursor.at(items.get(0), rows.get(size)) : null;
    Cursor next = seek.otherSide() ? cursor.at(items.get(items.size() - 1), null) : null;
    return new Slice<>(items, next, previous);
  }
}
