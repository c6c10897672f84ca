package dev.quarry.it;

import dev.quarry.Queries;
import dev.quarry.Sql;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Custom SQL whose primitive results can be NULL although every column it reads is NOT NULL:
 * what the compile-time check cannot see, so reading must refuse it.
 */
@Queries(AllTypes.class)
public interface AllTypesQueries {
  /** The primitive columns of a row. */
  record Primitives(boolean flag, short small, int number, long big, float real, double precise) {}

  /** Every primitive column of row {@code id}, or NULLs when the LEFT JOIN finds no such row. */
  @Sql("""
      SELECT a.flag, a.small, a.number, a.big, a.real, a.precise
      FROM (VALUES (1)) AS one (x) LEFT JOIN all_types AS a ON a.id = :id""")
  Primitives primitivesOf(long id);

  /** Row {@code id}'s primitive columns, with the one named {@code nullColumn} made NULL. */
  @Sql("""
      SELECT CASE WHEN :nullColumn = 'flag' THEN NULL ELSE flag END AS flag,
             CASE WHEN :nullColumn = 'small' THEN NULL ELSE small END AS small,
             CASE WHEN :nullColumn = 'number' THEN NULL ELSE number END AS number,
             CASE WHEN :nullColumn = 'big' THEN NULL ELSE big END AS big,
             CASE WHEN :nullColumn = 'real' THEN NULL ELSE real END AS real,
             CASE WHEN :nullColumn = 'precise' THEN NULL ELSE precise END AS precise
      FROM all_types WHERE id = :id""")
  Optional<Primitives> withNull(long id, String nullColumn);

  /**
   * Adds one to {@code number} of rows {@code from}..{@code to} and returns them, with row
   * {@code nullAt}'s {@code number} made NULL: a change whose rows cannot all be read.
   */
  @Sql("""
      UPDATE all_types SET number = number + 1 WHERE id BETWEEN :from AND :to
      RETURNING flag, small, CASE WHEN id = :nullAt THEN NULL ELSE number END AS number, big, real, precise""")
  List<Primitives> bumpNumbers(long from, long to, long nullAt);

  /** {@link #bumpNumbers}, its rows streamed. */
  @Sql("""
      UPDATE all_types SET number = number + 1 WHERE id BETWEEN :from AND :to
      RETURNING flag, small, CASE WHEN id = :nullAt THEN NULL ELSE number END AS number, big, real, precise""")
  Stream<Primitives> bumpNumbersStreamed(long from, long to, long nullAt);

  /** The largest {@code text} of rows with ids from {@code from}: NULL when there are none. */
  @Sql("SELECT max(text) FROM all_types WHERE id >= :from")
  String largestTextFrom(long from);

  /** The largest {@code big} of rows with ids from {@code from}: empty when there are none. */
  @Sql("SELECT max(big) FROM all_types WHERE id >= :from")
  Optional<Long> largestBigIfAny(long from);

  /** The largest {@code big} of rows with ids from {@code from}: NULL when there are none. */
  @Sql("SELECT max(big) FROM all_types WHERE id >= :from")
  long largestBigFrom(long from);
}
