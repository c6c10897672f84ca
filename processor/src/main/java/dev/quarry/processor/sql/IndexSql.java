package dev.quarry.processor.sql;

import static dev.quarry.processor.sql.Identifiers.quote;

import java.util.List;

/**
 * One index a table needs, in the pieces both its DDL and its schema definition are made of.
 *
 * @param name the index name, unquoted
 * @param unique whether it is unique
 * @param columns the indexed column names, unquoted, in order
 * @param keys the key list as SQL, such as {@code created_at DESC, id}
 * @param method the access method, {@code btree} unless stated
 * @param where the partial-index predicate, or {@code ""}
 */
public record IndexSql(String name, boolean unique, List<String> columns, String keys, String method, String where) {
  /** {@code CREATE [UNIQUE] INDEX IF NOT EXISTS name ON table [USING method] (keys) [WHERE ...]}. */
  public String statement(String table) {
    return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX IF NOT EXISTS " + quote(name) + " ON " + quote(table)
        + (method.equals("btree") ? "" : " USING " + method) + " (" + keys + ")"
        + (where.isEmpty() ? "" : " WHERE " + where);
  }
}
