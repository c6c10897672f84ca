package dev.quarry.processor.model;

import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;

/**
 * Keyset (seek) pagination over {@code columns}, all in one direction.
 *
 * @param mirror the {@code @KeysetPaged} annotation, for diagnostics
 * @param columns the sort columns, most significant first; they end with the primary key
 * @param descending whether the list runs from the highest key down
 */
public record KeysetModel(AnnotationMirror mirror, List<ColumnModel> columns, boolean descending) {
  /**
   * What a cursor is bound to: table, columns and direction, e.g.
   * {@code documents(created_at DESC, id DESC)}. A cursor issued for one list is refused by another.
   */
  public String fingerprint(String table) {
    return table + "(" + columns.stream().map(c -> c.column() + (descending ? " DESC" : " ASC"))
        .collect(Collectors.joining(", ")) + ")";
  }
}
