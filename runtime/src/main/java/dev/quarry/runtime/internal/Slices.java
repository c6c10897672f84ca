package dev.quarry.runtime.internal;

import dev.quarry.runtime.Cursor;
import dev.quarry.runtime.Slice;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

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

  /** Rows read forward, in display order. */
  public static <T> Slice<T> forward(List<T> rows, int size, Function<T, Cursor> cursor, Beyond<T> precededBy)
      throws SQLException {
    boolean more = rows.size() > size;
    List<T> items = more ? rows.subList(0, size) : rows;
    Cursor next = more ? cursor.apply(items.get(items.size() - 1)) : null;
    Cursor previous = !items.isEmpty() && precededBy.test(items.get(0)) ? cursor.apply(items.get(0)) : null;
    return new Slice<>(items, next, previous);
  }

  /** Rows read backward, nearest first; they are put back in display order. */
  public static <T> Slice<T> backward(List<T> rows, int size, Function<T, Cursor> cursor, Beyond<T> followedBy)
      throws SQLException {
    boolean more = rows.size() > size;
    List<T> items = new ArrayList<>(more ? rows.subList(0, size) : rows);
    Collections.reverse(items);
    Cursor previous = more ? cursor.apply(items.get(0)) : null;
    Cursor next = !items.isEmpty() && followedBy.test(items.get(items.size() - 1))
        ? cursor.apply(items.get(items.size() - 1)) : null;
    return new Slice<>(items, next, previous);
  }
}
