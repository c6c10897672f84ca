package dev.quarry.runtime;

import java.util.List;
import java.util.Optional;

/**
 * One slice of a keyset-paginated list: its items in display order, and cursors to the
 * neighbouring slices. Forward ({@code sliceAfter}) and backward ({@code sliceBefore}) slices
 * list items in the same order.
 *
 * @param <T> the row type
 */
public final class Slice<T> {
  private final List<T> items;
  private final Cursor next;
  private final Cursor previous;

  /**
   * @param items the rows, in display order
   * @param next the cursor after the last item, or {@code null} when no row follows
   * @param previous the cursor before the first item, or {@code null} when no row precedes
   */
  public Slice(List<T> items, Cursor next, Cursor previous) {
    this.items = List.copyOf(items);
    this.next = next;
    this.previous = previous;
  }

  /** The rows of this slice, in display order. */
  public List<T> items() {
    return items;
  }

  /** Present when rows follow the last item: pass it to {@code sliceAfter}. */
  public Optional<Cursor> next() {
    return Optional.ofNullable(next);
  }

  /** Present when rows precede the first item: pass it to {@code sliceBefore}. */
  public Optional<Cursor> previous() {
    return Optional.ofNullable(previous);
  }

  @Override
  public String toString() {
    return "Slice[" + items.size() + " items, next=" + (next != null) + ", previous=" + (previous != null) + "]";
  }
}
