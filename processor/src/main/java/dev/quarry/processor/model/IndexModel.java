package dev.quarry.processor.model;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/**
 * An index.
 *
 * @param element the declaring element, for diagnostics
 * @param mirror the declaring annotation, or {@code null} for indexes Quarry adds itself
 * @param name the index name
 * @param columns the indexed columns with their direction
 * @param where a predicate making the index partial, or {@code ""}
 * @param unique whether the index is unique
 * @param using the index method in lower case: {@code btree}, {@code gin}, {@code gist} ...
 */
public record IndexModel(
    Element element, AnnotationMirror mirror, String name, List<Part> columns, String where, boolean unique,
    String using) {

  /** A B-tree index, PostgreSQL's default. */
  public IndexModel(Element element, AnnotationMirror mirror, String name, List<Part> columns, String where,
      boolean unique) {
    this(element, mirror, name, columns, where, unique, "btree");
  }

  /** One indexed column and its direction. */
  public record Part(ColumnModel column, boolean descending) {}
}
