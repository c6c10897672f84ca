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
    switch (c.kind()) {
      case BOOLEAN: return "bool";
      case SHORT: return "int2";
      case INT: return "int4";
      case LONG: return "int8";
      case FLOAT: return "float4";
      case DOUBLE: return "float8";
      case BIG_DECIMAL: return "numeric";
      case UUID: return "uuid";
      case INSTANT:
      case OFFSET_DATE_TIME: return "timestamptz";
      case LOCAL_DATE_TIME: return "timestamp";
      case LOCAL_DATE: return "date";
      case LOCAL_TIME: return "time";
      case BYTES: return "bytea";
      default: return "text";
    }
  }
}
