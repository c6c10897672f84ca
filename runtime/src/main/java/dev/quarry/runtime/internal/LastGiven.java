package dev.quarry.runtime.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Orders bulk upsert rows by key in Java, for keys whose Java comparison is exactly
 * PostgreSQL's: {@code smallint}, {@code integer}, {@code bigint} and {@code uuid} columns that
 * are never null. Every row is staged, in key order, rows of one key in the order given; each
 * carries its position as given ({@code quarry_ordinal}), negated when a later row of the same
 * key replaces it. Once copied, the rows with a negative ordinal are deleted from the stage, and
 * the upsert reads what is left as it lies: exactly what
 * {@code SELECT DISTINCT ON (key) ... ORDER BY key, quarry_ordinal DESC} keeps, in the same order.
 *
 * <p>Done here, PostgreSQL need not sort the stage: about 90 ms of server time for 200,000 rows,
 * where ordering them in Java takes about 2 ms when they are given in key order (they are only
 * checked) and 65 ms when shuffled. Replaced rows are staged all the same, so the stage
 * checks their values as it checks every row's (a {@code varchar(5)} refuses a longer string even
 * in a row a later one replaces), as for keys of other types. Those stay with PostgreSQL, whose
 * equality is the unique index's: text under a collation, numeric {@code 1.0} and {@code 1.00},
 * timestamps at microseconds.
 */
public final class LastGiven {
  /**
   * PostgreSQL's order of {@code uuid} values: their 16 bytes compared unsigned, left to right
   * ({@code uuid_cmp}). {@link UUID#compareTo} compares the two halves signed, which differs
   * whenever a half has its top bit set.
   */
  public static final Comparator<UUID> UUID_ORDER = (a, b) -> {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  };

  /**
   * Rows to stage, in key order, and the {@code quarry_ordinal} of each.
   *
   * @param rows every row given, in key order; rows with equal keys in the order given
   * @param ordinals for each of {@code rows}, its 1-based position as given, negated when a later
   *     row has the same key
   */
  public record Staged<T>(List<T> rows, long[] ordinals) {
    /** Whether a row is replaced by a later one of its key: the stage then holds rows to remove. */
    public boolean replacesAny() {
      for (long ordinal : ordinals) {
        if (ordinal < 0) {
          return true;
        }
      }
      return false;
    }

    /** The position as given (1-based) of the row staged at {@code line} (1-based, COPY's count). */
    public long positionOf(long line) {
      return Math.abs(ordinals[(int) line - 1]);
    }
  }

  private LastGiven() {}

  /**
   * {@code rows} in {@code keyOrder}, each with its signed ordinal. The sort is stable, so rows
   * of one key keep the order given and the last of them is the one kept. Rows already in key
   * order are only checked (linear time).
   *
   * @param keyOrder orders rows by their key as PostgreSQL orders it; 0 exactly when PostgreSQL
   *     finds the keys equal. Keys must not be null.
   */
  public static <T> Staged<T> inKeyOrder(List<T> rows, Comparator<? super T> keyOrder) {
    int n = rows.size();
    boolean inOrder = true;
    for (int i = 1; i < n && inOrder; i++) {
      inOrder = keyOrder.compare(rows.get(i - 1), rows.get(i)) <= 0;
    }
    List<T> sorted = rows;
    int[] given = null; // 0-based position as given of each row in key order; null when unmoved
    if (!inOrder) {
      List<Given<T>> entries = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        entries.add(new Given<>(rows.get(i), i));
      }
      entries.sort((a, b) -> keyOrder.compare(a.row(), b.row()));
      sorted = new ArrayList<>(n);
      given = new int[n];
      for (int i = 0; i < n; i++) {
        sorted.add(entries.get(i).row());
        given[i] = entries.get(i).position();
      }
    }
    long[] ordinals = new long[n];
    for (int i = 0; i < n; i++) {
      long position = (given == null ? i : given[i]) + 1L;
      boolean replaced = i + 1 < n && keyOrder.compare(sorted.get(i), sorted.get(i + 1)) == 0;
      ordinals[i] = replaced ? -position : position;
    }
    return new Staged<>(sorted, ordinals);
  }

  /** A row and its 0-based position as given. */
  private record Given<T>(T row, int position) {}
}
