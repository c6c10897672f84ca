package dev.quarry.processor.read;

import dev.quarry.processor.check.Diagnostics;
import dev.quarry.processor.check.Messages;
import dev.quarry.processor.model.ColumnKind;
import dev.quarry.processor.model.ColumnModel;
import dev.quarry.processor.model.QueryModel;
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
    List<Parameter> parameters = new ArrayList<>();
    for (VariableElement p : method.getParameters()) {
      parameter(p).ifPresent(parameters::add);
    }
    Set<String> declared = new LinkedHashSet<>();
    parameters.forEach(p -> declared.add(p.name()));
    List<Parameter> markers = new ArrayList<>();
    for (String name : parsed.names()) {
      Optional<Parameter> match = parameters.stream().filter(p -> p.name().equals(name)).findFirst();
      if (match.isEmpty()) {
        diagnostics.error(method, sql.get(), Messages.sqlUnknownParameter(name, declared));
      } else {
        markers.add(match.get());
      }
    }
    for (VariableElement p : method.getParameters()) {
      if (!parsed.names().contains(p.getSimpleName().toString())) {
        diagnostics.error(p, Messages.sqlUnusedParameter(p.getSimpleName().toString()));
      }
    }
    Optional<QueryModel> model = shape(method, text).flatMap(shape -> result(method, shape)
        .map(result -> new QueryModel(method, parsed.sql(), markers, shape, result.type, result.columns, result.scalar)));
    model.filter(q -> q.shape() == Shape.LIST || q.shape() == Shape.OPTIONAL || q.shape() == Shape.ONE)
        .ifPresent(q -> table.softDelete()
            .filter(mark -> mentions(text, table.table()) && !text.toLowerCase(Locale.ROOT).contains(mark.column()))
            .ifPresent(mark -> diagnostics.warning(method, sql.get(),
                Messages.softDeleteUnfiltered(table.table(), mark.column()))));
    return model;
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
              r.array(), r.enumType())));
    }
    Optional<ColumnKind> kind = Types.kindOf(type);
    if (kind.isEmpty() || (collection && kind.get() == ColumnKind.BYTES)) {
      diagnostics.error(p, Messages.unsupportedType(name, p.asType().toString()));
      return Optional.empty();
    }
    return Optional.of(new Parameter(name, kind.get(), collection, standIn(p, name, type, kind.get())));
  }

  /** void; int/long counts of a data-changing statement; else rows. */
  private Optional<Shape> shape(ExecutableElement method, String sql) {
    TypeMirror r = method.getReturnType();
    String first = firstKeyword(sql);
    boolean changes = first.equals("insert") || first.equals("update") || first.equals("delete") || first.equals("merge");
    if (r.getKind() == TypeKind.VOID) {
      return Optional.of(Shape.VOID);
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
    return Optional.of(Shape.ONE);
  }

  private record Result(TypeMirror type, List<ColumnModel> columns, boolean scalar) {}

  /** The row type: a record (components matched to columns by name) or a scalar. */
  private Optional<Result> result(ExecutableElement method, Shape shape) {
    if (shape == Shape.VOID || shape == Shape.UPDATE_INT || shape == Shape.UPDATE_LONG) {
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

  private static String firstKeyword(String sql) {
    String s = sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ").trim().toLowerCase(Locale.ROOT);
    int end = 0;
    while (end < s.length() && Character.isLetter(s.charAt(end))) {
      end++;
    }
    return s.substring(0, end);
  }

  private static boolean mentions(String sql, String table) {
    return sql.toLowerCase(Locale.ROOT).matches("(?s).*\\b" + java.util.regex.Pattern.quote(table) + "\\b.*");
  }
}
