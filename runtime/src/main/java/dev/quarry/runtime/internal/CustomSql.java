package dev.quarry.runtime.internal;

import dev.quarry.runtime.Database;
import dev.quarry.runtime.IncorrectResultSizeException;
import java.sql.BatchUpdateException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Runs {@code @Sql} methods whose contract is more than "every row": at most one row, exactly
 * one row, rows streamed from a server-side cursor, and one statement batched over a collection.
 */
public final class CustomSql {
  /** Rows fetched per round trip when streaming. */
  public static final int FETCH_SIZE = 1000;

  private CustomSql() {}

  /**
   * The only row, or empty; a single value that is NULL ({@code Optional<Long>} over a
   * {@code max(...)} of no rows) is empty too. Two rows throw
   * {@link IncorrectResultSizeException}; with {@code changesData} the statement runs in a
   * transaction (the caller's, or its own) so that the failure leaves nothing changed.
   */
  public static <T> Optional<T> atMostOne(Database db, String method, String sql, Binder binder, RowMapper<T> mapper,
      boolean changesData) {
    Row<T> row = changesData ? changing(db, () -> read(db, method, sql, binder, afterChange(mapper), false, true))
        : read(db, method, sql, binder, mapper, false, false);
    return row == null ? Optional.empty() : Optional.ofNullable(row.value());
  }

  /**
   * The only row; none or two throw {@link IncorrectResultSizeException}. A single value that is
   * NULL throws a {@code QuarryException} with SQLSTATE 22004: the method's return type cannot
   * say "no value" ({@code Optional} can).
   */
  public static <T> T exactlyOne(Database db, String method, String sql, Binder binder, RowMapper<T> mapper,
      boolean changesData) {
    Supplier<T> one = () -> {
      Row<T> row = read(db, method, sql, binder, changesData ? afterChange(mapper) : mapper, true, changesData);
      if (row == null) {
        throw none(method, sql);
      }
      return row.value();
    };
    return changesData ? changing(db, one) : one.get();
  }

  /**
   * Every row, in the statement's order. With {@code changesData} ({@code UPDATE ... RETURNING})
   * the statement runs in a transaction (the caller's, or its own), so that a row that cannot be
   * read (a NULL for a primitive, say) fails the call with nothing changed, instead of failing it
   * after auto-commit has committed the change.
   */
  public static <T> List<T> list(Database db, String method, String sql, Binder binder, RowMapper<T> mapper,
      boolean changesData) {
    return changesData ? changing(db, () -> Jdbc.list(db, method, sql, binder, afterChange(mapper)))
        : Jdbc.list(db, method, sql, binder, mapper);
  }

  /**
   * Every row, read lazily through a server-side cursor ({@link #FETCH_SIZE} rows per round
   * trip); see {@link RowStream} for who owns the connection. With {@code changesData}, a row that
   * cannot be read inside a unit of work ends the unit (25P02) even when caught.
   */
  public static <T> Stream<T> stream(Database db, String method, String sql, Binder binder, RowMapper<T> mapper,
      boolean changesData) {
    return RowStream.open(db, method, sql, binder, changesData ? afterChange(mapper) : mapper, FETCH_SIZE);
  }

  /**
   * Runs {@code sql} once per element as one JDBC batch in one transaction (the caller's, or
   * its own): all elements apply or none. Returns each execution's row count, in the
   * collection's iteration order ({@link java.sql.Statement#SUCCESS_NO_INFO} where the driver
   * does not know it).
   *
   * @throws NullPointerException when {@code elements} or one of them is null; nothing runs
   */
  public static <T> int[] batch(Database db, String method, String sql, Collection<? extends T> elements,
      BatchBinder<T> binder) {
    Objects.requireNonNull(elements, "elements");
    int index = 0;
    for (T e : elements) {
      if (e == null) {
        throw new NullPointerException("elements contains null at position " + index);
      }
      index++;
    }
    if (index == 0) {
      return new int[0];
    }
    return changing(db, () -> Jdbc.run(db, method, sql, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (T e : elements) {
          binder.bind(ps, e);
          ps.addBatch();
        }
        return ps.executeBatch();
      } catch (BatchUpdateException e) {
        throw entryFailure(e);
      }
    }));
  }

  /**
   * A statement that changes data, run so that a failure after it ran (a row that cannot be
   * read) leaves nothing changed: in a transaction of its own when none encloses it. Inside a
   * unit of {@code db}, or on a connection an outer transaction manages (Spring), it is one
   * statement of that transaction, and fails it as any other statement does.
   */
  private static <T> T changing(Database db, Supplier<T> statement) {
    boolean enclosed = db.inTransaction() || db.withConnection(c -> db.connections().isManaged(c));
    return enclosed ? statement.get() : db.transaction(statement::get);
  }

  /**
   * {@code mapper} for the rows of a statement that changes data: a row it cannot read ends an
   * enclosing unit of work that catches the failure, since the change stays in its transaction.
   */
  private static <T> RowMapper<T> afterChange(RowMapper<T> mapper) {
    return rs -> {
      try {
        return mapper.map(rs);
      } catch (ValueFailure f) {
        throw ValueFailure.afterChange(f);
      }
    };
  }

  /** The one row a statement returned: its value may be null (a scalar column that is NULL). */
  private record Row<T>(T value) {}

  /**
   * The only row, or {@code null} when there is none. With {@code valueRequired}, a row whose
   * single value is NULL is refused (22004) as the statement's failure.
   */
  private static <T> Row<T> read(Database db, String method, String sql, Binder binder, RowMapper<T> mapper,
      boolean valueRequired, boolean changesData) {
    return Jdbc.run(db, method, sql, c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        binder.bind(ps);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return null;
          }
          T row = mapper.map(rs);
          if (row == null && valueRequired) {
            ValueFailure f = new ValueFailure("column " + rs.getMetaData().getColumnLabel(1) + " is NULL, but " + method
                + " returns a value that cannot be null; return Optional to allow it, or give the column a value in "
                + "the SQL (COALESCE)", "22004");
            throw changesData ? ValueFailure.afterChange(f) : f;
          }
          if (rs.next()) {
            throw new IncorrectResultSizeException(method + " returned more than one row, but it returns at most one; "
                + "make the statement select one row (a unique key, LIMIT 1 with an ORDER BY) or return List"
                + in(sql), 1, 2);
          }
          return new Row<>(row);
        }
      }
    });
  }

  private static IncorrectResultSizeException none(String method, String sql) {
    return new IncorrectResultSizeException(method + " returned no row, but it returns exactly one; return Optional "
        + "to allow none" + in(sql), 1, 0);
  }

  private static String in(String sql) {
    return " in statement: " + sql.replaceAll("\\s+", " ").trim();
  }

  /**
   * pgjdbc's {@link BatchUpdateException} message quotes the failed entry with its bound values;
   * the server's error for that entry, chained next, carries the SQLSTATE without them.
   */
  private static SQLException entryFailure(BatchUpdateException e) {
    SQLException next = e.getNextException();
    return next != null ? next : new SQLException("a batch entry failed", e.getSQLState());
  }
}
