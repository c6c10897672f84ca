package dev.quarry.processor.model;

import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * One {@code @Sql} method of a {@code @Queries} interface.
 *
 * @param method the interface method
 * @param sql the statement with {@code ?} markers
 * @param markers for each marker, the method parameter it binds
 * @param shape how the result is returned
 * @param resultType the row type ({@code R} of {@code List<R>}, {@code Optional<R>} or {@code R})
 * @param resultColumns for a record row type, its components and their columns; for a scalar, one
 *     stand-in column read from the first column; empty for data-changing statements
 * @param scalar whether the row type is a single value rather than a record
 */
public record QueryModel(ExecutableElement method, String sql, List<Parameter> markers, Shape shape,
    TypeMirror resultType, List<ColumnModel> resultColumns, boolean scalar) {

  /** How the method returns. */
  public enum Shape { LIST, OPTIONAL, ONE, UPDATE_INT, UPDATE_LONG, VOID }

  /**
   * A method parameter as bound.
   *
   * @param name the parameter name
   * @param kind its kind, or the element kind for a collection
   * @param collection whether it is a {@code Collection}, bound as an array
   * @param column a stand-in column carrying its Java type, for the binders
   */
  public record Parameter(String name, ColumnKind kind, boolean collection, ColumnModel column) {}

  /** The interface and its methods, implemented by one DAO. */
  public record Interface(TypeElement element, List<QueryModel> methods) {}
}
