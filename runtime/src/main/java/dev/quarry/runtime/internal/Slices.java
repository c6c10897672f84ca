package dev.quarry.runtime.internal;

import dev.quarry.runtime.Cursor;
import dev.quarry.runtime.Slice;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns the rows of a keyset query into a {@link Slice}. Queries fetch {@code size + 1} rows:
 * the extra row only says that more follow in the direction read. Whether rows lie on the other
 * side is asked separately, so {@code next} and {@code previous} are present exactly when
 * rows exist beyond.
 */
public final class Slices {
  private Slices() {}

  /** Asks whether any row lies beyond {@code row} on the side not read. */
  @FunctionalInterface
  public interface Beyond<T> {
    boolean test(T row) throws SQLException;
  }

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
   * Rows read forward from {@code position}, in display order. An empty slice keeps its way
   * back: its {@code previous} is the position seen from the other side, when rows lie there.
   */
  public static <T> Slice<T> forward(List<T> rows, int size, Edge<T> cursor, Beyond<T> precededBy,
      Cursor position, Around positionPrecededBy) throws SQLException {
    if (rows.isEmpty()) {
      return new Slice<>(rows, null, positionPrecededBy.test() ? CursorCodec.flip(position) : null);
    }
    return forward(rows, size, cursor, precededBy);
  }

  /** Rows read backward from {@code position}; an empty slice's {@code next} is the position seen from the other side. */
  public static <T> Slice<T> backward(List<T> rows, int size, Edge<T> cursor, Beyond<T> followedBy,
      Cursor position, Around positionFollowedBy) throws SQLException {
    if (rows.isEmpty()) {
      return new Slice<>(rows, positionFollowedBy.test() ? CursorCodec.flip(position) : null, null);
    }
    return backward(rows, size, cursor, followedBy);
  }

  /** Rows read forward, in display order. */
  public static <T> Slice<T> forward(List<T> rows, int size, Edge<T> cursor, Beyond<T> precededBy)
      throws SQLException {
    boolean more = rows.size() > size;
    List<T> items = more ? rows.subList(0, size) : rows;
    Cursor next = more ? cursor.at(items.get(items.size() - 1), rows.get(size)) : null;
    Cursor previous = !items.isEmpty() && precededBy.test(items.get(0)) ? cursor.at(items.get(0), null) : null;
    return new Slice<>(items, next, previous);
  }

  /** Rows read backward, nearest first; they are put back in display order. */
  public static <T> Slice<T> backward(List<T> rows, int size, Edge<T> cursor, Beyond<T> followedBy)
      throws SQLException {
    boolean more = rows.size() > size;
    List<T> items = new ArrayList<>(more ? rows.subList(0, size) : rows);
    Collections.reverse(items);
    Cursor previous = more ? cursor.at(items.get(0), rows.get(size)) : null;
    Cursor next = !items.isEmpty() && followedBy.test(items.get(items.size() - 1))
        ? cursor.at(items.get(items.size() - 1), null) : null;
    return new Slice<>(items, next, previous);
  }
}
