package dev.quarry.processor.model;

import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/**
 * A unique key other than the primary key.
 *
 * @param element where it was declared (the component for {@code @Unique}, else the record)
 * @param mirror the declaring annotation, for diagnostics
 * @param columns the key's columns, in order
 * @param indexName the unique index's name
 */
public record UniqueKeyModel(Element element, AnnotationMirror mirror, List<ColumnModel> columns, String indexName) {
  /** The method-name suffix, {@code TenantIdAndEmail} in {@code findByTenantIdAndEmail}. */
  public String suffix() {
    return columns.stream().map(ColumnModel::capitalized).collect(Collectors.joining("And"));
  }
}
