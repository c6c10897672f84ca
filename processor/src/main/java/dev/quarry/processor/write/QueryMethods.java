package dev.quarry.processor.write;

import static dev.quarry.processor.write.DaoWriter.JDBC;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import dev.quarry.processor.model.ColumnModel;
import dev.quarry.processor.model.QueryModel;
import dev.quarry.processor.model.QueryModel.Parameter;
import dev.quarry.processor.model.QueryModel.Shape;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;

/**
 * Implements the {@code @Queries} interfaces: each {@code @Sql} method binds its parameters in
 * marker order and maps rows by column name (custom SQL selects what it likes, in any order).
 */
final class QueryMethods {
  static final ClassName CUSTOM_SQL = ClassName.get("dev.quarry.runtime.internal", "CustomSql");

  private final DaoWriter w;
  private final Set<String> mappers = new HashSet<>();

  QueryMethods(DaoWriter w) {
    this.w = w;
  }

  void addAll(List<QueryModel.Interface> interfaces) {
    for (QueryModel.Interface i : interfaces) {
      w.type.addSuperinterface(ClassName.get(i.element()));
      for (QueryModel q : i.methods()) {
        method(q);
      }
    }
  }

  /**
   * <pre>{@code
   * @Override
   * public List<Document> recentByOwner(long ownerId, int limit) {
   *   return Jdbc.list(db, "DocumentDao.recentByOwner", QUERY_RECENT_BY_OWNER, ps -> {...}, DocumentDao::mapDocument);
   * }
   * }</pre>
   */
  private void method(QueryModel q) {
    String name = q.method().getSimpleName().toString();
    String constant = "QUERY_" + ReadMethods.constantName(name);
    w.constant(constant, q.sql(), "{@link #" + name + "}, from its {@code @Sql}.");
    NameAllocator names = DaoWriter.names();
    MethodSpec.Builder m = MethodSpec.methodBuilder(name)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(TypeName.get(q.method().getReturnType()));
    java.util.Map<String, String> allocated = new java.util.HashMap<>();
    for (VariableElement p : q.method().getParameters()) {
      String given = p.getSimpleName().toString();
      allocated.put(given, names.newName(given, p));
      m.addParameter(ParameterSpec.builder(TypeName.get(p.asType()), allocated.get(given)).build());
    }
    String method = w.methodName(name);
    nullChecks(m, q, method);
    String ps = names.newName("ps");
    String element = q.batch().isPresent() ? names.newName("element") : null;
    CodeBlock.Builder binds = CodeBlock.builder();
    for (int i = 0; i < q.markers().size(); i++) {
      Parameter p = q.markers().get(i);
      CodeBlock value = p.component() ? CodeBlock.of("$N.$N()", element, p.name())
          : CodeBlock.of("$N", allocated.get(p.name()));
      binds.add("$L;\n", p.collection()
          ? Bindings.bindArray(p.column(), ps, i + 1, allocated.get(p.name()))
          : Bindings.bind(p.column(), ps, i + 1, value));
    }
    if (q.batch().isPresent()) {
      CodeBlock binder = CodeBlock.of("($L, $L) -> {\n$>$L$<}", ps, element, binds.build());
      m.addCode(q.shape() == Shape.VOID ? "" : "return ");
      m.addCode("$T.batch(this.db, $S, $L, $N, $L);\n", CUSTOM_SQL, method, constant,
          allocated.get(q.batch().get().parameter()), binder);
      w.type.addMethod(m.addJavadoc("Runs {@link #$L} once per element of {@code $L}, as one JDBC batch in one "
          + "transaction.\n", constant, q.batch().get().parameter()).build());
      return;
    }
    CodeBlock binder = q.markers().isEmpty() ? CodeBlock.of("$T.NO_PARAMETERS", JDBC)
        : CodeBlock.of("$L -> {\n$>$L$<}", ps, binds.build());
    switch (q.shape()) {
      case VOID -> m.addCode("$T.update(this.db, $S, $L, $L);\n", JDBC, method, constant, binder);
      case UPDATE_INT -> m.addCode("return $T.update(this.db, $S, $L, $L);\n", JDBC, method, constant, binder);
      case UPDATE_LONG -> m.addCode("return (long) $T.update(this.db, $S, $L, $L);\n", JDBC, method, constant, binder);
      case LIST -> m.addCode("return $T.list(this.db, $S, $L, $L, $L, $L);\n", CUSTOM_SQL, method, constant, binder,
          mapper(q), q.changesData());
      case STREAM -> m.addCode("return $T.stream(this.db, $S, $L, $L, $L, $L);\n", CUSTOM_SQL, method, constant, binder,
          mapper(q), q.changesData());
      case OPTIONAL -> m.addCode("return $T.atMostOne(this.db, $S, $L, $L, $L, $L);\n", CUSTOM_SQL, method, constant,
          binder, mapper(q), q.changesData());
      default -> m.addCode("return $T.exactlyOne(this.db, $S, $L, $L, $L, $L);\n", CUSTOM_SQL, method, constant,
          binder, mapper(q), q.changesData());
    }
    w.type.addMethod(m.addJavadoc("Runs {@link #$L}.$L\n", constant, contract(q.shape())).build());
  }

  /** What the return type promises, for the method's Javadoc. */
  private static String contract(Shape shape) {
    return switch (shape) {
      case OPTIONAL -> " At most one row: two or more throw {@code IncorrectResultSizeException}.";
      case ONE -> " Exactly one row: none, or two or more, throw {@code IncorrectResultSizeException}.";
      case STREAM -> " Rows are read through a server-side cursor; close the stream (try-with-resources).";
      default -> "";
    };
  }

  /**
   * A null collection cannot become an array; refuse it before any SQL runs, naming the method
   * and the parameter:
   * {@code Objects.requireNonNull(ids, "ArticleDao.byIds: parameter 'ids' is null; ...")}.
   */
  private static void nullChecks(MethodSpec.Builder m, QueryModel q, String method) {
    q.markers().stream().filter(Parameter::collection).map(Parameter::name).distinct()
        .forEach(p -> m.addStatement("$T.requireNonNull($N, $S)", Objects.class, p,
            method + ": parameter '" + p + "' is null; pass an empty collection to match no rows"));
  }

  /** {@code rs -> Reads.longValue(rs, 1, ...)} for a scalar, else a by-name mapper method shared per record type. */
  private CodeBlock mapper(QueryModel q) {
    if (q.scalar()) {
      return CodeBlock.of("rs -> $L", w.read(q.resultColumns().get(0), "rs", 1));
    }
    TypeName type = TypeName.get(q.resultType());
    String name = "mapByName" + ((ClassName) type).simpleName();
    if (mappers.add(name)) {
      CodeBlock.Builder args = CodeBlock.builder();
      for (int i = 0; i < q.resultColumns().size(); i++) {
        ColumnModel c = q.resultColumns().get(i);
        args.add(i > 0 ? ",\n" : "").add("$L", w.read(c, "rs", CodeBlock.of("rs.findColumn($S)", c.column())));
      }
      w.type.addMethod(MethodSpec.methodBuilder(name)
          .addModifiers(w.rowHelper())
          .addJavadoc("Reads a row of custom SQL into {@link $T}, each component from the column of its name.\n", type)
          .returns(type)
          .addParameter(ResultSet.class, "rs")
          .addException(SQLException.class)
          .addCode("return new $T(\n$>$>$L);\n$<$<", type, args.build())
          .build());
    }
    return w.documents ? CodeBlock.of("this::$N", name) : CodeBlock.of("$T::$N", w.dao, name);
  }
}
