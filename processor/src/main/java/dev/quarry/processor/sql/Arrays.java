package dev.quarry.processor.sql;

import dev.quarry.processor.model.ColumnKind;
import dev.quarry.processor.model.ColumnModel;

/** Array element types for binding a column's values as one SQL array. */
public final class Arrays {
  private Arrays() {}

  /**
   * The element type name pgjdbc's {@code createArrayOf} understands for {@code c}'s values.
   * Columns with an explicit SQL type travel as text and are cast in the statement, but for
   * {@code float4} and {@code float8} values: their text is Java's shortest exact form
   * ({@code 0.30000000000000004}), where the single-row and COPY paths send the float itself and
   * PostgreSQL's cast to {@code numeric} keeps 15 significant digits ({@code 0.3}); every path
   * sends the float, so every path stores what that cast makes of it.
   */
  public static String elementType(ColumnModel c) {
    if (c.castOnBind() && c.valueKind() != ColumnKind.FLOAT && c.valueKind() != ColumnKind.DOUBLE) {
      return "text";
    }
    return c.valueKind().arrayType();
  }

  /**
   * The element type of the array that carries {@code c}'s values of many rows to
   * {@code unnest}: an array column's values go as their array literals, one {@code text}
   * element each (PostgreSQL has no arrays of arrays of different lengths), cast back per row.
   */
  public static String unnestType(ColumnModel c) {
    return c.kind() == ColumnKind.ARRAY ? "text" : elementType(c);
  }

  /** Whether {@code unnest}'s value for {@code c} needs a cast to the column type. */
  public static boolean castAfterUnnest(ColumnModel c) {
    return c.castOnBind() || c.kind() == ColumnKind.ARRAY;
  }
}
