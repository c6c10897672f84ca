package dev.quarry.processor.model;

import javax.lang.model.type.TypeMirror;

/**
 * The elements of an array column ({@code List<T>} or {@code T[]}).
 *
 * @param kind the elements' kind, a scalar
 * @param type the element type as declared
 * @param nullable whether elements may be null (a type-use {@code @Nullable} on the element type)
 * @param list whether the component is a {@code List<T>} rather than a Java array
 */
public record ArrayModel(ColumnKind kind, TypeMirror type, boolean nullable, boolean list) {

  /** Whether the component is a Java array of a primitive type, such as {@code long[]}. */
  public boolean primitive() {
    return !list && type.getKind().isPrimitive();
  }
}
