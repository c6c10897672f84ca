package dev.quarry.processor.model;

import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/**
 * A {@code @Check} constraint.
 *
 * @param element where it was declared: the component for a column constraint, else the record
 * @param mirror the {@code @Check} annotation, for diagnostics
 * @param column the column of a column constraint; empty for a table constraint
 * @param expression the boolean expression as written, placed inside {@code CHECK (...)}
 * @param name the constraint's name, given or derived
 */
public record CheckModel(
    Element element,
    AnnotationMirror mirror,
    Optional<ColumnModel> column,
    String expression,
    String name) {}
