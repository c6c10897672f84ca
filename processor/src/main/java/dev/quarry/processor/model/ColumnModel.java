package dev.quarry.processor.model;

import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.type.TypeMirror;

/**
 * One record component and the column that stores it.
 *
 * @param element the record component, for diagnostics and originating elements
 * @param name the component name, also its accessor's name
 * @param column the column name, unquoted
 * @param type the component's Java type
 * @param kind how the type maps to SQL
 * @param primitive whether the Java type is primitive (and the column therefore NOT NULL)
 * @param nullable whether the column accepts NULL
 * @param sqlType the column's SQL type
 * @param castOnBind whether bound values need an explicit cast ({@code @Column(type)} given)
 * @param id whether the column is part of the primary key
 * @param identity whether PostgreSQL generates the value ({@code @Identity})
 * @param version whether the column is the optimistic-lock version
 * @param array for an {@link ColumnKind#ARRAY} column, its elements
 * @param enumType the PostgreSQL enum type of an enum column, or of an array column's elements
 */
public record ColumnModel(
    Element element,
    String name,
    String column,
    TypeMirror type,
    ColumnKind kind,
    boolean primitive,
    boolean nullable,
    String sqlType,
    boolean castOnBind,
    boolean id,
    boolean identity,
    boolean version,
    Optional<ArrayModel> array,
    Optional<EnumTypeModel> enumType) {

  /** A column of a scalar type without a PostgreSQL enum type. */
  public ColumnModel(Element element, String name, String column, TypeMirror type, ColumnKind kind, boolean primitive,
      boolean nullable, String sqlType, boolean castOnBind, boolean id, boolean identity, boolean version) {
    this(element, name, column, type, kind, primitive, nullable, sqlType, castOnBind, id, identity, version,
        Optional.empty(), Optional.empty());
  }

  /** The kind of each value: the element kind for an array column, else the column's kind. */
  public ColumnKind valueKind() {
    return array.map(ArrayModel::kind).orElse(kind);
  }

  /** The component name with its first letter in upper case, for method names. */
  public String capitalized() {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
