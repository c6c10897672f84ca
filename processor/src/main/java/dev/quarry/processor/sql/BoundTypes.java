package dev.quarry.processor.sql;

import dev.quarry.processor.model.ColumnKind;
import dev.quarry.processor.model.ColumnModel;
import java.util.List;
import java.util.Optional;

/**
 * The SQL type each bound value travels as: what PostgreSQL knows of a parameter before it
 * reads the statement, and so decides which operators, functions and assignments apply. The
 * compile-time SQL check describes each statement with these types; the writers bind through
 * the runtime's binders named by the same {@link ColumnKind} and the same {@link Arrays}
 * element types, and a test holds those binders to this table, nulls included.
 */
public final class BoundTypes {
  /**
   * What a {@code Duration} is sent as, for checking that PostgreSQL can read it where the
   * statement puts it: the runtime's {@code Intervals.text}, {@code "<n> microseconds"}.
   */
  public static final List<String> DURATION_TEXTS = List.of("1500000 microseconds", "-86400000000 microseconds");

  private BoundTypes() {}

  /**
   * The type a value bound as {@code c} is declared as (the writers' {@code Bindings.bind}): its
   * kind's {@link ColumnKind#boundType()}, an array column as an array of its
   * {@link Arrays#elementType}. Empty: sent without a type, and PostgreSQL infers one.
   */
  public static Optional<String> of(ColumnModel c) {
    if (c.kind() == ColumnKind.ARRAY) {
      return Optional.of(arrayOf(Arrays.elementType(c)));
    }
    return c.kind().boundType();
  }

  /** The type of a {@code Collection} bound as one array for {@code = ANY(:ids)} (the writers' {@code bindArray}). */
  public static String ofCollection(ColumnModel c) {
    return arrayOf(Arrays.unnestType(c));
  }

  /** pgjdbc's {@code createArrayOf(element, ...)} declares the array type, {@code _element}. */
  private static String arrayOf(String element) {
    return "_" + element;
  }
}
