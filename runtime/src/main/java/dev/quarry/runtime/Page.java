package dev.quarry.runtime;

import java.util.List;

/**
 * One page of an offset-paginated list.
 *
 * @param items the rows of this page, in the DAO's deterministic order
 * @param page the 1-based page number
 * @param size the requested page size
 * @param total the number of rows in the whole list
 * @param <T> the row type
 */
public record Page<T>(List<T> items, int page, int size, long total) {
  /** The largest page size a DAO accepts; bigger pages are a denial-of-service risk. */
  public static final int MAX_SIZE = 1000;

  /**
   * @throws IllegalArgumentException when {@code page < 1} or {@code size} is outside 1..1000
   */
  public Page {
    check(page, size);
    items = List.copyOf(items);
    if (total < 0) {
      throw new IllegalArgumentException("total must not be negative, was " + total);
    }
  }

  /** The number of pages, at least 0. */
  public int totalPages() {
    return (int) Math.min(Integer.MAX_VALUE, (total + size - 1) / size);
  }

  /**
   * Checks a page request before any SQL runs.
   *
   * @throws IllegalArgumentException when {@code page < 1} or {@code size} is outside 1..1000
   */
  public static void check(int page, int size) {
    if (page < 1) {
      throw new IllegalArgumentException("page must be 1 or more, was " + page);
    }
    checkSize(size);
  }

  /**
   * Checks a page or slice size.
   *
   * @throws IllegalArgumentException when {@code size} is outside 1..1000
   */
  public static void checkSize(int size) {
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("page size must be between 1 and " + MAX_SIZE + ", was " + size);
    }
  }
}
