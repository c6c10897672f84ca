package dev.quarry.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.quarry.processor.model.ColumnKind;
import dev.quarry.processor.model.ColumnModel;
import dev.quarry.processor.model.QueryModel;
import dev.quarry.processor.model.TableModel;
import dev.quarry.processor.sql.Dml;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javax.lang.model.element.Modifier;

/**
 * Renders {@code XDao}: SQL constants, the constructor, the row mapper, and the methods of
 * {@link ReadMethods} and {@link WriteMethods}. Methods only place SQL text from {@link Dml} and
 * bind calls from {@link Bindings}.
 */
public final class DaoWriter {
  static final ClassName DATABASE = ClassName.get("dev.quarry.runtime", "Database");
  static final ClassName JDBC = ClassName.get("dev.quarry.runtime.internal", "Jdbc");
  static final ClassName QUARRY_EXCEPTION = ClassName.get("dev.quarry.runtime", "QuarryException");
  static final ClassName DOCUMENTS = ClassName.get("dev.quarry.runtime.internal", "Documents");
  static final ClassName JSON_TYPE = ClassName.get("dev.quarry.runtime", "JsonType");

  final TableModel table;
  final Dml dml;
  final ClassName dao;
  final ClassName record;
  final TypeSpec.Builder type;
  /**
   * Whether rows hold JSON documents, which are read and written with the database's codec:
   * then {@code map} and {@code encode} are instance methods.
   */
  final boolean documents;
  /** The {@code JsonType} constant of each document type, by type, in first-use order. */
  private final Map<TypeName, String> jsonTypes = new LinkedHashMap<>();

  private DaoWriter(TableModel table, List<QueryModel.Interface> queries) {
    this.table = table;
    this.dml = new Dml(table);
    this.dao = ClassName.get(table.packageName(), table.daoName());
    this.record = ClassName.get(table.element());
    this.type = TypeSpec.classBuilder(dao);
    this.documents = table.columns().stream().anyMatch(c -> c.kind() == ColumnKind.JSON)
        || queries.stream().flatMap(i -> i.methods().stream()).flatMap(q -> q.resultColumns().stream())
            .anyMatch(c -> c.kind() == ColumnKind.JSON);
  }

  public static TypeSpec render(TableModel table, List<QueryModel.Interface> queries) {
    DaoWriter w = new DaoWriter(table, queries);
    w.header();
    new ReadMethods(w).addAll();
    new WriteMethods(w).addAll();
    new BulkMethods(w).addAll();
    new KeysetMethods(w).addAll();
    new PartitionMethods(w).addAll();
    new QueryMethods(w).addAll(queries);
    w.mapMethod();
    return w.type.build();
  }

  private void header() {
    type.addJavadoc("Data access for {@link $T}, stored in the table $L.\n\n"
            + "<p>Each method runs one of the SQL constants below, on the transaction's connection when the\n"
            + "calling thread is inside {@link $T#transaction}, else on a connection of its own. Failures\n"
            + "are thrown as {@link $T} subclasses that name the method and statement.\n"
            + "Instances hold no state but the database and are safe to share between threads.\n",
            record, SourceFiles.code(table.table()), DATABASE, QUARRY_EXCEPTION);
    if (table.isPublic()) {
      type.addModifiers(Modifier.PUBLIC);
    }
    constant("COLUMNS", dml.columns(), "The select list, in the order {@code map} reads it.");
    type.addField(FieldSpec.builder(DATABASE, "db", Modifier.PRIVATE, Modifier.FINAL).build());
    if (table.softDelete().isEmpty()) {
      type.addMethod(MethodSpec.constructorBuilder()
          .addModifiers(Modifier.PUBLIC)
          .addJavadoc("A DAO over {@code db}.\n")
          .addParameter(DATABASE, "db")
          .addCode("this.db = $T.requireNonNull(db, $S);\n", Objects.class, "db")
          .build());
      return;
    }
    type.addField(FieldSpec.builder(boolean.class, "includingDeleted", Modifier.PRIVATE, Modifier.FINAL).build());
    type.addMethod(MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("A DAO over {@code db} whose reads see live rows only.\n")
        .addParameter(DATABASE, "db")
        .addCode("this(db, false);\n")
        .build());
    type.addMethod(MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PRIVATE)
        .addParameter(DATABASE, "db")
        .addParameter(boolean.class, "includingDeleted")
        .addCode("this.db = $T.requireNonNull(db, $S);\n", Objects.class, "db")
        .addCode("this.includingDeleted = includingDeleted;\n")
        .build());
    type.addMethod(MethodSpec.methodBuilder("includingDeleted")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("A view of this DAO whose reads also see deleted rows (for audit, undo, \"show deleted\").\n"
            + "Its writes behave as this DAO's: updates and deletes touch live rows only.\n")
        .returns(dao)
        .addCode("return new $T(this.db, true);\n", dao)
        .build());
    type.addMethod(MethodSpec.methodBuilder("sql")
        .addModifiers(Modifier.PRIVATE)
        .addJavadoc("The statement for this view: {@code live} filters deleted rows, {@code all} does not.\n")
        .addParameter(String.class, "live")
        .addParameter(String.class, "all")
        .returns(String.class)
        .addCode("return includingDeleted ? all : live;\n")
        .build());
  }

  /**
   * Adds a read's SQL constant, and under {@code @SoftDelete} its including-deleted twin;
   * returns the expression that picks the one for this view.
   */
  CodeBlock readSql(String name, Function<Dml, String> sql, String doc) {
    constant(name, sql.apply(dml), doc);
    if (table.softDelete().isEmpty()) {
      return CodeBlock.of("$N", name);
    }
    constant(name + "_INCLUDING_DELETED", sql.apply(dml.includingDeleted()), "{@link #" + name
        + "} for {@link #includingDeleted()}: deleted rows too.");
    return CodeBlock.of("sql($N, $N)", name, name + "_INCLUDING_DELETED");
  }

  /** Adds {@code public static final String NAME = "...";} with a one-line Javadoc. */
  void constant(String name, String sql, String doc) {
    type.addField(FieldSpec.builder(String.class, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc(doc + "\n")
        .initializer("$S", sql)
        .build());
  }

  /** The string DAO methods pass for failure messages: {@code "AccountDao.update"}. */
  String methodName(String method) {
    return table.daoName() + "." + method;
  }

  /** The key columns as method parameters named after the components. */
  List<ParameterSpec> keyParameters(NameAllocator names) {
    return table.key().stream()
        .map(c -> ParameterSpec.builder(Bindings.type(c), names.newName(c.name(), c)).build())
        .toList();
  }

  /**
   * Simple names generated code uses as types ({@code Jdbc.one(...)}, {@code Objects.requireNonNull}):
   * a parameter of the same name would obscure the type, so parameters never take them.
   */
  private static final List<String> TYPE_NAMES = List.of("Jdbc", "Binds", "Reads", "Bulk", "Slices", "CursorCodec",
      "Objects", "List", "Map", "Optional", "Collection", "ArrayList", "LinkedHashMap", "UuidV7", "Cursor", "Slice",
      "Page", "Database", "PartitionManager", "QuarryException", "OptimisticLockException");

  /**
   * A fresh allocator for one method's names. Parameters are named after components (the
   * user's names, part of the API) and allocated first; generated locals and lambda parameters
   * ({@code ps}, {@code c}) are allocated after them, so a component called {@code ps} turns the
   * lambda into {@code ps_ -> ...} instead of breaking it. The DAO's own field is always
   * {@code this.db}, which no parameter can shadow.
   */
  static NameAllocator names() {
    NameAllocator names = new NameAllocator();
    TYPE_NAMES.forEach(names::newName);
    return names;
  }

  /**
   * A binder lambda over {@code columns}, each valued by {@code value}: {@code ps -> ps.setLong(1, id)}
   * for one column, a block {@code ps -> { ...; ...; }} for several.
   */
  static CodeBlock binder(String ps, List<ColumnModel> columns, Function<ColumnModel, CodeBlock> value) {
    return writeBinder(ps, columns, List.of(), value);
  }

  /**
   * {@link #binder} of a statement that writes the {@code written} columns: their values are
   * bound as {@link Bindings#bindWritten} says; the others (keys in a {@code WHERE}) as lookups.
   */
  static CodeBlock writeBinder(String ps, List<ColumnModel> columns, List<ColumnModel> written,
      Function<ColumnModel, CodeBlock> value) {
    if (columns.isEmpty()) {
      return CodeBlock.of("$T.NO_PARAMETERS", JDBC);
    }
    List<CodeBlock> statements = new java.util.ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      ColumnModel c = columns.get(i);
      statements.add(written.contains(c) ? Bindings.bindWritten(c, ps, i + 1, value.apply(c))
          : Bindings.bind(c, ps, i + 1, value.apply(c)));
    }
    return statements.size() == 1 ? CodeBlock.of("$L -> $L", ps, statements.get(0)) : block(ps, statements);
  }

  /** {@code ps -> { stmt; stmt; }} */
  static CodeBlock block(String ps, List<CodeBlock> statements) {
    CodeBlock.Builder b = CodeBlock.builder().add("$L -> {\n$>", ps);
    for (CodeBlock s : statements) {
      b.add("$L;\n", s);
    }
    return b.add("$<}").build();
  }

  /** {@code XDao::map}, or {@code this::map} when rows hold documents. */
  CodeBlock mapper() {
    return documents ? CodeBlock.of("this::map") : CodeBlock.of("$T::map", dao);
  }

  /** {@code XDao::encode}, or {@code this::encode} when rows hold documents. */
  CodeBlock encoder() {
    return encoder("encode");
  }

  /** {@code XDao::name} of a row encoder, or {@code this::name} when rows hold documents. */
  CodeBlock encoder(String name) {
    return documents ? CodeBlock.of("this::$N", name) : CodeBlock.of("$T::$N", dao, name);
  }

  /** The modifiers of a row-level helper ({@code map}, {@code encode}): static unless it needs the codec. */
  Modifier[] rowHelper() {
    return documents ? new Modifier[] {Modifier.PRIVATE} : new Modifier[] {Modifier.PRIVATE, Modifier.STATIC};
  }

  /** The expression reading column {@code c} at {@code index} of {@code rs}. */
  CodeBlock read(ColumnModel c, String rs, Object index) {
    if (c.kind() == ColumnKind.JSON) {
      return CodeBlock.of("$T.read($L, $L, this.db.json(), $N)", DOCUMENTS, rs, index, jsonType(c));
    }
    return Bindings.readAt(c, rs, index);
  }

  /**
   * The JSON text of a document column's value, for every write path:
   * {@code Documents.write(this.db.json(), row.settings(), "Account.settings")}.
   */
  static CodeBlock document(ColumnModel c, CodeBlock value) {
    return CodeBlock.of("$T.write(this.db.json(), $L, $S)", DOCUMENTS, value, Bindings.label(c));
  }

  /**
   * {@code private static final JsonType<Map<String, Object>> JSON_MAP_STRING_OBJECT = new JsonType<>() {};}:
   * the declared type, generic arguments included, for the codec to read documents into.
   */
  private String jsonType(ColumnModel c) {
    TypeName t = TypeName.get(c.type()).withoutAnnotations();
    return jsonTypes.computeIfAbsent(t, k -> {
      String base = "JSON_" + k.toString().replaceAll("([a-z_$][A-Za-z0-9_$]*\\.)+", "")
          .replaceAll("[^A-Za-z0-9]+", "_").replaceAll("_+$", "").toUpperCase(java.util.Locale.ROOT);
      String name = base;
      for (int n = 2; jsonTypes.containsValue(name); n++) {
        name = base + "_" + n;
      }
      type.addField(FieldSpec.builder(parameterized(JSON_TYPE, k), name, Modifier.PRIVATE, Modifier.STATIC,
              Modifier.FINAL)
          .addJavadoc("The type of {@code $L} documents, for the JSON codec.\n", c.name())
          .initializer("new $T<>() {}", JSON_TYPE)
          .build());
      return name;
    });
  }

  private void mapMethod() {
    CodeBlock.Builder args = CodeBlock.builder();
    int index = 1;
    for (ColumnModel c : table.columns()) {
      args.add(index > 1 ? ",\n" : "").add("$L", read(c, "rs", index++));
    }
    type.addMethod(MethodSpec.methodBuilder("map")
        .addModifiers(rowHelper())
        .addJavadoc("Reads the current row, selected as {@link #COLUMNS}.\n")
        .returns(record)
        .addParameter(ResultSet.class, "rs")
        .addException(SQLException.class)
        .addCode("return new $T(\n$>$>$L);\n$<$<", record, args.build())
        .build());
  }

  /** {@code Map<K, V>} and friends. */
  static TypeName parameterized(Class<?> raw, TypeName... args) {
    return ParameterizedTypeName.get(ClassName.get(raw), args);
  }

  static TypeName parameterized(ClassName raw, TypeName... args) {
    return ParameterizedTypeName.get(raw, args);
  }
}
