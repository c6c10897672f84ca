package dev.quarry.runtime.internal;

import dev.quarry.runtime.JsonCodec;
import dev.quarry.runtime.JsonType;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * JSON document columns: values through the {@link JsonCodec} of the DAO's database, SQL
 * {@code NULL} for {@code null}. Every write path calls {@link #write} and sends the text it
 * returns, so a value is written the same way wherever it goes.
 */
public final class Documents {
  private Documents() {}

  /**
   * The JSON text of a component's value, or {@code null}.
   *
   * @throws IllegalArgumentException naming {@code component} when the codec cannot write it
   */
  public static String write(JsonCodec codec, Object value, String component) {
    if (value == null) {
      return null;
    }
    String json;
    try {
      json = codec.write(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(component + ": " + e.getMessage(), e);
    }
    if (json == null) {
      throw new IllegalArgumentException(component + ": the JSON codec wrote nothing");
    }
    return json;
  }

  /**
   * The document in column {@code i} as {@code type}, or {@code null} for SQL {@code NULL}.
   *
   * @throws SQLException SQLSTATE 22000 when the codec cannot read the document as {@code type}
   */
  @SuppressWarnings("unchecked")
  public static <T> T read(ResultSet rs, int i, JsonCodec codec, JsonType<T> type) throws SQLException {
    String json = rs.getString(i);
    if (json == null) {
      return null;
    }
    try {
      return (T) codec.read(json, type.type());
    } catch (IllegalArgumentException e) {
      throw new ValueFailure("the document in column " + rs.getMetaData().getColumnLabel(i) + " could not be read: "
          + e.getMessage(), "22000");
    }
  }
}
