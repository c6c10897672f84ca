package dev.quarry.processor.read;

import dev.quarry.processor.check.Diagnostics;
import dev.quarry.processor.check.Messages;
import dev.quarry.processor.model.ColumnKind;
import dev.quarry.processor.model.ColumnModel;
import dev.quarry.processor.model.QueryModel;
import dev.quarry.processor.model.QueryModel.Batch;
import dev.quarry.processor.model.QueryModel.Parameter;
import dev.quarry.processor.model.QueryModel.Shape;
import dev.quarry.processor.model.TableModel;
import dev.quarry.processor.sql.Identifiers;
import dev.quarry.processor.sql.NamedParameters;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Reads a {@code @Queries} interface: each {@code @Sql} method's named parameters, checked
 * against the method's parameters, and its result shape.
 */
public final class QueriesReader {
  private final Annotations annotations;
  private final Diagnostics diagnostics;

  public QueriesReader(Elements elements, Diagnostics diagnostics) {
    this.annotations = new Annotations(elements);
    this.diagnostics = diagnostics;
  }

  /** The {@code @Table} record a {@code @Queries} element names, or empty after reporting why not. */
  public Optional<TypeElement> target(TypeElement element) {
    AnnotationMirror m = annotations.find(element, "Queries").orElseThrow();
    if (element.getKind() != ElementKind.INTERFACE) {
      diagnostics.error(element, m, Messages.queriesNotInterface(element.getKind().toString().toLowerCase(Locale.ROOT)));
      return Optional.empty();
    }
    TypeElement target = annotations.type(m, "value");
    if (target == null || target.getKind() != ElementKind.RECORD || annotations.find(target, "Table").isEmpty()) {
      diagnostics.error(element, m, Messages.queriesTarget(target == null ? "?" : target.getQualifiedName().toString()));
      return Optional.empty();
    }
    return Optional.of(target);
  }

  /** The interface's methods, or empty when any is wrong (errors reported). */
  public Optional<QueryModel.Interface> read(TypeElement element, TableModel table) {
    int before = diagnostics.errorCount();
    List<QueryModel> methods = new ArrayList<>();
    for (Element e : element.getEnclosedElements()) {
      if (e.getKind() != ElementKind.METHOD || !e.getModifiers().contains(Modifier.ABSTRACT)) {
        continue;
      }
      method((ExecutableElement) e, table).ifPresent(methods::add);
    }
    return diagnostics.errorCount() > before ? Optional.empty() : Optional.of(new QueryModel.Interface(element, methods));
  }

  private Optional<QueryModel> method(ExecutableElement method, TableModel table) {
    Optional<AnnotationMirror> sql = annotations.find(method, "Sql");
    if (sql.isEmpty()) {
      diagnostics.error(method, Messages.sqlMissing(method.getSimpleName().toString()));
      return Optional.empty();
    }
    String text = annotations.string(sql.get(), "value");
    NamedParameters parsed = NamedParameters.parse(text);
    List<String> words = NamedParameters.words(text);
    Optional<Batch> batch = batch(method);
    List<Parameter> parameters = new ArrayList<>();
    for (VariableElement p : method.getParameters()) {
      if (recordElements(p).isEmpty()) {
        parameter(p).ifPresent(parameters::add);
      }
    }
    List<Parameter> components = batch.map(b -> components(method, b, parsed.names())).orElse(List.of());
    List<Parameter> markers = markers(method, sql.get(), parsed, parameters, components, batch);
    for (VariableElement p : method.getParameters()) {
      if (recordElements(p).isEmpty() && !parsed.names().contains(p.getSimpleName().toString())) {
        diagnostics.error(p, Messages.sqlUnusedParameter(p.getSimpleName().toString()));
      }
    }
    boolean changes = words.stream().anyMatch(CHANGING::contains);
    Optional<QueryModel> model = shape(method, words, batch.isPresent()).flatMap(shape -> result(method, shape)
        .map(result -> new QueryModel(method, parsed, markers, shape, result.type, result.columns, result.scalar,
            changes, batch)));
    model.filter(q -> q.shape() == Shape.LIST || q.shape() == Shape.OPTIONAL || q.shape() == Shape.ONE
            || q.shape() == Shape.STREAM)
        .filter(q -> !insertsValues(words))
        .filter(q -> !suppressed(method, "QuarrySoftDeleteUnfiltered"))
        .ifPresent(q -> table.softDelete()
            .filter(mark -> mentions(text, table.table()) && !text.toLowerCase(Locale.ROOT).contains(mark.column()))
            .ifPresent(mark -> diagnostics.warning(method, sql.get(),
                Messages.softDeleteUnfiltered(table.table(), mark.column()))));
    return model;
  }

  private static final Set<String> CHANGING = Set.of("insert", "update", "delete", "merge");

  /** An INSERT of values reads no rows, deleted or not; its RETURNING is the rows it wrote. */
  private static boolean insertsValues(List<String> words) {
    return !words.isEmpty() && words.get(0).equals("insert") && !words.contains("select");
  }

  /** Each marker's value: a method parameter, or in a batch a component of the element. */
  private List<Parameter> markers(ExecutableElement method, AnnotationMirror sql, NamedParameters parsed,
      List<Parameter> parameters, List<Parameter> components, Optional<Batch> batch) {
    Set<String> declared = new LinkedHashSet<>();
    parameters.forEach(p -> declared.add(p.name()));
    components.forEach(p -> declared.add(p.name()));
    List<Parameter> markers = new ArrayList<>();
    for (String name : parsed.names()) {
      Optional<Parameter> parameter = parameters.stream().filter(p -> p.name().equals(name)).findFirst();
      Optional<Parameter> component = components.stream().filter(p -> p.name().equals(name)).findFirst();
      if (parameter.isPresent() && component.isPresent()) {
        diagnostics.error(method, sql, Messages.sqlBatchAmbiguous(name, batch.orElseThrow().element().toString()));
      } else if (parameter.or(() -> component).isEmpty()) {
        diagnostics.error(method, sql, Messages.sqlUnknownParameter(name, declared));
      } else {
        markers.add(parameter.or(() -> component).get());
      }
    }
    return markers;
  }

  /** The one parameter that is a Collection of records, if any: the method then runs as a batch. */
  private Optional<Batch> batch(ExecutableElement method) {
    Optional<Batch> found = Optional.empty();
    for (VariableElement p : method.getParameters()) {
      Optional<DeclaredType> element = recordElements(p);
      if (element.isPresent() && found.isPresent()) {
        diagnostics.error(p, Messages.sqlBatchTwice(found.get().parameter(), p.getSimpleName().toString()));
      } else if (element.isPresent()) {
        found = Optional.of(new Batch(p.getSimpleName().toString(), element.get()));
      }
    }
    return found;
  }

  /** The record type of a {@code Collection<R>} parameter's elements, when R is a record. */
  private static Optional<DeclaredType> recordElements(VariableElement p) {
    if (p.asType() instanceof DeclaredType d && isCollection(d) && d.getTypeArguments().size() == 1
        && d.getTypeArguments().get(0) instanceof DeclaredType e && e.asElement().getKind() == ElementKind.RECORD) {
      return Optional.of(e);
    }
    return Optional.empty();
  }

  /** The element's components that the statement names, bound from {@code element.name()}. */
  private List<Parameter> components(ExecutableElement method, Batch batch, List<String> used) {
    List<Parameter> out = new ArrayList<>();
    TypeElement record = (TypeElement) ((DeclaredType) batch.element()).asElement();
    for (RecordComponentElement c : record.getRecordComponents()) {
      String name = c.getSimpleName().toString();
      if (!used.contains(name)) {
        continue;
      }
      Optional<ColumnKind> kind = Types.kindOf(c.asType());
      if (kind.isEmpty()) {
        diagnostics.error(method, Messages.unsupportedType(name, c.asType().toString()));
        continue;
      }
      out.add(new Parameter(name, kind.get(), false, standIn(c, name, c.asType(), kind.get()), true,
          constants(c.asType())));
    }
    return out;
  }

  /** Whether {@code @SuppressWarnings} on the method or an enclosing element names {@code id}. */
  private static boolean suppressed(Element element, String id) {
    for (Element e = element; e != null; e = e.getEnclosingElement()) {
      SuppressWarnings s = e.getAnnotation(SuppressWarnings.class);
      if (s != null && java.util.Arrays.asList(s.value()).contains(id)) {
        return true;
      }
    }
    return false;
  }

  private Optional<Parameter> parameter(VariableElement p) {
    String name = p.getSimpleName().toString();
    TypeMirror type = p.asType();
    boolean collection = false;
    if (type instanceof DeclaredType d && isCollection(d)) {
      collection = true;
      type = d.getTypeArguments().isEmpty() ? type : d.getTypeArguments().get(0);
    }
    if (!collection && Types.isArrayLike(type)) {
      // A Java array: bound as one SQL array, NULL when null.
      return new ColumnTypes(diagnostics).resolve(p, "").map(r -> new Parameter(name, r.kind(), false,
          new ColumnModel(p, name, name, p.asType(), r.kind(), false, true, r.sqlType(), false, false, false, false,
              r.array(), r.enumType()), false, List.of()));
    }
    Optional<ColumnKind> kind = Types.kindOf(type);
    if (kind.isEmpty() || (collection && kind.get() == ColumnKind.BYTES)) {
      diagnostics.error(p, Messages.unsupportedType(name, p.asType().toString()));
      return Optional.empty();
    }
    return Optional.of(new Parameter(name, kind.get(), collection, standIn(p, name, type, kind.get()), false,
        collection ? List.of() : constants(type)));
  }

  /** An enum's constants' names, in declaration order; nothing for any other type. */
  private static List<String> constants(TypeMirror type) {
    if (!(type instanceof DeclaredType d) || d.asElement().getKind() != ElementKind.ENUM) {
      return List.of();
    }
    return d.asElement().getEnclosedElements().stream().filter(e -> e.getKind() == ElementKind.ENUM_CONSTANT)
        .map(e -> e.getSimpleName().toString()).toList();
  }

  /**
   * void; int/long counts of a data-changing statement; int[] of a batch; else rows. A
   * data-changing statement with {@code RETURNING} returns rows, which JDBC refuses to count
   * ("A result was returned when none was expected"), so an int or long is then the value it
   * returns ({@code long create(...)} of {@code INSERT ... RETURNING id}).
   */
  private Optional<Shape> shape(ExecutableElement method, List<String> words, boolean batch) {
    TypeMirror r = method.getReturnType();
    String first = words.isEmpty() ? "" : words.get(0);
    boolean changes = CHANGING.contains(first) && !words.contains("returning");
    if (r.getKind() == TypeKind.VOID) {
      return Optional.of(Shape.VOID);
    }
    if (batch) {
      if (r instanceof javax.lang.model.type.ArrayType a && a.getComponentType().getKind() == TypeKind.INT) {
        return Optional.of(Shape.BATCH);
      }
      diagnostics.error(method, Messages.sqlBatchReturnType(r.toString()));
      return Optional.empty();
    }
    if (changes && r.getKind() == TypeKind.INT) {
      return Optional.of(Shape.UPDATE_INT);
    }
    if (changes && r.getKind() == TypeKind.LONG) {
      return Optional.of(Shape.UPDATE_LONG);
    }
    String name = Annotations.qualifiedName(r);
    if ("java.util.List".equals(name)) {
      return Optional.of(Shape.LIST);
    }
    if ("java.util.Optional".equals(name)) {
      return Optional.of(Shape.OPTIONAL);
    }
    if ("java.util.stream.Stream".equals(name)) {
      return Optional.of(Shape.STREAM);
    }
    return Optional.of(Shape.ONE);
  }

  private record Result(TypeMirror type, List<ColumnModel> columns, boolean scalar) {}

  /** The row type: a record (components matched to columns by name) or a scalar. */
  private Optional<Result> result(ExecutableElement method, Shape shape) {
    if (shape == Shape.VOID || shape == Shape.UPDATE_INT || shape == Shape.UPDATE_LONG || shape == Shape.BATCH) {
      return Optional.of(new Result(method.getReturnType(), List.of(), false));
    }
    TypeMirror type = method.getReturnType();
    if (shape != Shape.ONE) {
      List<? extends TypeMirror> args = ((DeclaredType) type).getTypeArguments();
      type = args.isEmpty() ? type : args.get(0);
    }
    Optional<ColumnKind> scalar = Types.kindOf(type);
    if (scalar.isPresent()) {
      return Optional.of(new Result(type, List.of(standIn(method, "value", type, scalar.get())), true));
    }
    if (Types.isArrayLike(type)) {
      // One array column per row; its elements must be of a mapped type.
      TypeMirror arrayType = type;
      return arrayColumn(method, "value", "value", arrayType, "").map(c -> new Result(arrayType, List.of(c), true));
    }
    if (type instanceof DeclaredType d && d.asElement().getKind() == ElementKind.RECORD) {
      List<ColumnModel> columns = new ArrayList<>();
      for (RecordComponentElement c : ((TypeElement) d.asElement()).getRecordComponents()) {
        String column = annotations.find(c, "Column").map(m -> annotations.string(m, "value")).filter(s -> !s.isEmpty())
            .orElse(Identifiers.snakeCase(c.getSimpleName().toString()));
        String typeOverride = annotations.find(c, "Column").map(m -> annotations.string(m, "type")).orElse("").trim();
        if (Types.isArrayLike(c.asType()) || (Types.kindOf(c.asType()).isEmpty() && !typeOverride.isEmpty())) {
          // Arrays and documents read as a table's columns of that type are.
          Optional<ColumnModel> array = arrayColumn(c, c.getSimpleName().toString(), column, c.asType(), typeOverride);
          if (array.isEmpty()) {
            return Optional.empty();
          }
          columns.add(array.get());
          continue;
        }
        Optional<ColumnKind> kind = Types.kindOf(c.asType());
        if (kind.isEmpty()) {
          diagnostics.error(method, Messages.unsupportedType(c.getSimpleName().toString(), c.asType().toString()));
          return Optional.empty();
        }
        columns.add(new ColumnModel(c, c.getSimpleName().toString(), column, c.asType(), kind.get(),
            c.asType().getKind().isPrimitive(), !c.asType().getKind().isPrimitive(), kind.get().sqlType(), false, false,
            false, false));
      }
      return Optional.of(new Result(type, columns, false));
    }
    diagnostics.error(method, Messages.queryReturnType(method.getReturnType().toString()));
    return Optional.empty();
  }

  /** An array or document read from a result column, its type checked as a table column's would be. */
  private Optional<ColumnModel> arrayColumn(Element e, String name, String column, TypeMirror type,
      String typeOverride) {
    return new ColumnTypes(diagnostics).resolve(e, type, typeOverride)
        .map(r -> new ColumnModel(e, name, column, type, r.kind(), false, true, r.sqlType(), false, false, false, false,
            r.array(), r.enumType()));
  }

  private static ColumnModel standIn(Element e, String name, TypeMirror type, ColumnKind kind) {
    return new ColumnModel(e, name, name, type, kind, type.getKind().isPrimitive(), !type.getKind().isPrimitive(),
        kind.sqlType(), false, false, false, false);
  }

  private static boolean isCollection(DeclaredType d) {
    String name = Annotations.qualifiedName(d);
    return name != null && (name.equals("java.util.Collection") || name.equals("java.util.List")
        || name.equals("java.util.Set"));
  }

  private static boolean mentions(String sql, String table) {
    return sql.toLowerCase(Locale.ROOT).matches("(?s).*\\b" + java.util.regex.Pattern.quote(table) + "\\b.*");
  }
}
