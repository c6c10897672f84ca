package dev.quarry.processor.sql;

import dev.quarry.processor.model.ColumnModel;

/** Array element types for binding a column's values as one SQL array. */
public final class Arrays {
  private Arrays() {}

  /**
   * The element type name pgjdbc's {@code createArrayOf} understands for {@code c}'s values.
   * Columns with an explicit SQL type travel as text and are cast in the statement.
   */
  public static String elementType(ColumnModel c) {
    if (c.castOnBind()) {
      return "text";
    }
    return c.kind().arrayType();
  }
}
