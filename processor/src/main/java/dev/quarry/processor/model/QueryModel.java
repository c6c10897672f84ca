package dev.quarry.processor.model;

import dev.quarry.processor.sql.NamedParameters;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * One {@code @Sql} method of a {@code @Queries} interface.
 *
 * @param method the interface method
 * @param statement the statement as written, its parameters and its JDBC text
 * @param markers for each marker, the method parameter (or batch element component) it binds
 * @param shape how the result is returned
 * @param resultType the row type ({@code R} of {@code List<R>}, {@code Optional<R>},
 *     {@code Stream<R>} or {@code R})
 * @param resultColumns for a record row type, its components and their columns; for a scalar, one
 *     stand-in column read from the first column; empty for data-changing statements
 * @param scalar whether the row type is a single value rather than a record
 * @param changesData whether the statement may change data (it names INSERT, UPDATE, DELETE or
 *     MERGE), so that a single-row method runs it in a transaction
 * @param batch the collection whose elements each run the statement once, if this is a batch
 */
public record QueryModel(ExecutableElement method, NamedParameters statement, List<Parameter> markers, Shape shape,
    TypeMirror resultType, List<ColumnModel> resultColumns, boolean scalar, boolean changesData,
    Optional<Batch> batch) {

  /** How the method returns. */
  public enum Shape { LIST, OPTIONAL, ONE, STREAM, UPDATE_INT, UPDATE_LONG, VOID, BATCH }

  /** The JDBC text the DAO runs. */
  public String sql() {
    return statement.sql();
  }

  /**
   * A value bound to markers.
   *
   * @param name the parameter name, or the batch element's component name
   * @param kind its kind, or the element kind for a collection
   * @param collection whether it is a {@code Collection}, bound as an array
   * @param column a stand-in column carrying its Java type, for the binders
   * @param component whether it is read from the batch element ({@code element.name()})
   * @param constants for an enum, its constants' names: the texts it is sent as
   */
  public record Parameter(String name, ColumnKind kind, boolean collection, ColumnModel column, boolean component,
      List<String> constants) {}

  /**
   * A batch: the statement runs once per element of a collection of records.
   *
   * @param parameter the collection parameter's name
   * @param element the record type of its elements
   */
  public record Batch(String parameter, TypeMirror element) {}

  /** The interface and its methods, implemented by one DAO. */
  public record Interface(TypeElement element, List<QueryModel> methods) {}
}
