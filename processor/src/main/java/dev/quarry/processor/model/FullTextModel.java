package dev.quarry.processor.model;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;

/**
 * Full-text search over text columns.
 *
 * @param mirror the {@code @FullText} annotation, for diagnostics
 * @param columns the searched columns, most important first (weights A, B, C, then D)
 * @param language the text search configuration, such as {@code english}
 * @param vectorColumn the stored generated {@code tsvector} column
 */
public record FullTextModel(AnnotationMirror mirror, List<ColumnModel> columns, String language, String vectorColumn) {}
