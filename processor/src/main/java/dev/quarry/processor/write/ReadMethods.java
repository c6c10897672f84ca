package dev.quarry.processor.write;

import static dev.quarry.processor.write.DaoWriter.JDBC;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import dev.quarry.processor.model.ColumnModel;
import dev.quarry.processor.model.ForeignKeyModel;
import dev.quarry.processor.model.TableModel;
import dev.quarry.processor.model.UniqueKeyModel;
import dev.quarry.processor.sql.Dml;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/** The DAO's reads: by key, by unique key, by foreign key, counts and offset pages. */
final class ReadMethods {
  private static final ClassName PAGE = ClassName.get("dev.quarry.runtime", "Page");

  private final DaoWriter w;
  private final TableModel table;
  private final Dml dml;

  ReadMethods(DaoWriter w) {
    this.w = w;
    this.table = w.table;
    this.dml = w.dml;
  }

  void addAll() {
    findById();
    if (table.hasSingleKey()) {
      findByIds();
    }
    count();
    existsById();
    page();
    for (UniqueKeyModel key : table.uniqueKeys()) {
      findByUnique(key);
      existsByUnique(key);
    }
    for (ForeignKeyModel fk : table.foreignKeys()) {
      if (!isUniqueKey(fk.column())) {
        findByForeignKey(fk);
      }
      findByForeignKeyIn(fk);
    }
  }

  /** {@code Optional<X> findById(K)} */
  private void findById() {
    CodeBlock sql = w.readSql("FIND_BY_ID", Dml::findById, "{@link #findById}: one row by primary key.");
    lookup("findById", "FIND_BY_ID", sql, table.key(), "The row with this primary key, if any.");
  }

  /** {@code Optional<X> findByEmail(String)} */
  private void findByUnique(UniqueKeyModel key) {
    String method = "findBy" + key.suffix();
    String constant = constantName(method);
    CodeBlock sql = w.readSql(constant, d -> d.findBy(key.columns()), "{@link #" + method + "}: one row by unique key.");
    lookup(method, constant, sql, key.columns(), "The row with this unique key, if any.");
  }

  private void lookup(String method, String constant, CodeBlock sql, List<ColumnModel> columns, String doc) {
    NameAllocator names = DaoWriter.names();
    List<ParameterSpec> params = parameters(columns, names);
    String ps = names.newName("ps");
    w.type.addMethod(MethodSpec.methodBuilder(method)
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc(doc + "\n\n<p>Runs {@link #$L}.\n", constant)
        .addParameters(params)
        .returns(DaoWriter.parameterized(Optional.class, w.record))
        .addCode("return $T.one(this.db, $S, $L, $L, $L);\n", JDBC, w.methodName(method), sql,
            DaoWriter.binder(ps, columns, c -> CodeBlock.of("$N", params.get(columns.indexOf(c)))), w.mapper())
        .build());
  }

  /** {@code boolean existsById(K)} */
  private void existsById() {
    CodeBlock sql = w.readSql("EXISTS_BY_ID", Dml::existsById, "{@link #existsById}: computed in PostgreSQL, no row loaded.");
    exists("existsById", "EXISTS_BY_ID", sql, table.key(), "Whether a row with this primary key exists.");
  }

  /** {@code boolean existsByEmail(String)} */
  private void existsByUnique(UniqueKeyModel key) {
    String method = "existsBy" + key.suffix();
    String constant = constantName(method);
    CodeBlock sql = w.readSql(constant, d -> d.existsBy(key.columns()), "{@link #" + method + "}: computed in PostgreSQL.");
    exists(method, constant, sql, key.columns(), "Whether a row with this unique key exists.");
  }

  private void exists(String method, String constant, CodeBlock sql, List<ColumnModel> columns, String doc) {
    NameAllocator names = DaoWriter.names();
    List<ParameterSpec> params = parameters(columns, names);
    String ps = names.newName("ps");
    w.type.addMethod(MethodSpec.methodBuilder(method)
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc(doc + "\n\n<p>Runs {@link #$L}.\n", constant)
        .addParameters(params)
        .returns(boolean.class)
        .addCode("return $T.exists(this.db, $S, $L, $L);\n", JDBC, w.methodName(method), sql,
            DaoWriter.binder(ps, columns, c -> CodeBlock.of("$N", params.get(columns.indexOf(c)))))
        .build());
  }

  /** {@code Map<K, X> findByIds(Collection<K>)} */
  private void findByIds() {
    ColumnModel key = table.key().get(0);
    TypeName keyType = Bindings.boxed(key);
    CodeBlock sql = w.readSql("FIND_BY_IDS", Dml::findByIds, "{@link #findByIds}: one statement for any number of keys.");
    w.type.addMethod(MethodSpec.methodBuilder("findByIds")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("The rows with these primary keys, by key, in the order of {@code ids}; keys without a row\n"
            + "are absent. One statement however many keys: the keys travel as one array parameter. A row\n"
            + "PostgreSQL finds for a key that Java tells apart from its own ({@code 8.10} for {@code 8.1}, a\n"
            + "{@code char(n)} key without its padding) comes last, under its own key.\n\n"
            + "<p>Runs {@link #FIND_BY_IDS}.\n")
        .addParameter(DaoWriter.parameterized(Collection.class, keyType), "ids")
        .returns(DaoWriter.parameterized(Map.class, keyType, w.record))
        .addCode("$T.requireNonNull(ids, $S);\n", Objects.class, "ids")
        .addCode("$T<$T, $T> found = new $T<>();\n", Map.class, keyType, w.record, LinkedHashMap.class)
        .beginControlFlow("if (ids.isEmpty())")
        .addCode("return found;\n")
        .endControlFlow()
        .beginControlFlow("for ($T row : $T.list(this.db, $S, $L, ps -> $L, $L))", w.record, JDBC,
            w.methodName("findByIds"), sql, Bindings.bindArray(key, "ps", 1, "ids"), w.mapper())
        .addCode("found.put(row.$N(), row);\n", key.name())
        .endControlFlow()
        .addComment("Answer in the caller's order, not the database's.")
        .addCode("$T<$T, $T> ordered = new $T<>();\n", Map.class, keyType, w.record, LinkedHashMap.class)
        .beginControlFlow("for ($T id : ids)", keyType)
        .addCode("$T row = found.get(id);\n", w.record)
        .beginControlFlow("if (row != null)")
        .addCode("ordered.put(id, row);\n")
        .endControlFlow()
        .endControlFlow()
        .addComment("A row found for a key PostgreSQL finds equal and Java does not is kept, under its own key.")
        .addCode("found.forEach(ordered::putIfAbsent);\n")
        .addCode("return ordered;\n")
        .build());
  }

  /** {@code long count()} */
  private void count() {
    CodeBlock sql = w.readSql("COUNT", Dml::count, "{@link #count}: computed in PostgreSQL, no rows loaded.");
    w.type.addMethod(MethodSpec.methodBuilder("count")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("The number of rows, counted by PostgreSQL.\n\n<p>Runs {@link #COUNT}.\n")
        .returns(long.class)
        .addCode("return $T.count(this.db, $S, $L, $T.NO_PARAMETERS);\n", JDBC, w.methodName("count"), sql, JDBC)
        .build());
  }

  /** {@code Page<X> page(int page, int size)} */
  private void page() {
    CodeBlock sql = w.readSql("PAGE", Dml::page, "{@link #page}: an offset page in a deterministic order.");
    String order = table.keyset().isPresent() ? "keyset" : "primary-key";
    w.type.addMethod(MethodSpec.methodBuilder("page")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("One page of rows in $L order, with the total row count.\n\n"
            + "<p>OFFSET reads and discards every skipped row, so deep pages of a large table are slow;\n"
            + "prefer keyset pagination there. The total is a {@code count(*)} of the whole list on every call,\n"
            + "which reads every row (its cost grows with the table, not the page: see benchmarks/README.md);\n"
            + "when the total is known from an earlier page, {@link #page(int, int, long)} skips it.\n\n"
            + "<p>Runs {@link #COUNT} and {@link #PAGE}.\n\n"
            + "@param page the 1-based page number\n"
            + "@param size rows per page, 1 to 1000\n"
            + "@throws IllegalArgumentException when {@code page < 1} or {@code size} is out of range\n", order)
        .addParameter(int.class, "page")
        .addParameter(int.class, "size")
        .returns(DaoWriter.parameterized(PAGE, w.record))
        .addCode("$T.check(page, size);\n", PAGE)
        .addCode("return page(page, size, count());\n")
        .build());
    w.type.addMethod(MethodSpec.methodBuilder("page")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("One page of rows in $L order, carrying a total the caller already has, typically the\n"
            + "{@link $T#total()} of the first page: no count runs. The total is returned as given; rows written\n"
            + "since it was counted make it stale.\n\n"
            + "<p>Runs {@link #PAGE}.\n\n"
            + "@param page the 1-based page number\n"
            + "@param size rows per page, 1 to 1000\n"
            + "@param total the number of rows in the whole list, as counted before\n"
            + "@throws IllegalArgumentException when {@code page < 1}, {@code size} is out of range or {@code total < 0}\n",
            order, PAGE)
        .addParameter(int.class, "page")
        .addParameter(int.class, "size")
        .addParameter(long.class, "total")
        .returns(DaoWriter.parameterized(PAGE, w.record))
        .addCode("$T.check(page, size);\n", PAGE)
        .beginControlFlow("if (total < 0)")
        .addCode("throw new $T($S + total);\n", IllegalArgumentException.class, "total must not be negative, was ")
        .endControlFlow()
        .addCode("long offset = (long) (page - 1) * size;\n")
        .addCode("$T<$T> items = $T.list(this.db, $S, $L, ps -> {\n$>ps.setInt(1, size);\nps.setLong(2, offset);\n$<}, $L);\n",
            List.class, w.record, JDBC, w.methodName("page"), sql, w.mapper())
        .addCode("return new $T<>(items, page, size, total);\n", PAGE)
        .build());
  }

  /** {@code List<X> findByOwnerId(long)} */
  private void findByForeignKey(ForeignKeyModel fk) {
    ColumnModel c = fk.column();
    String method = "findBy" + c.capitalized();
    String constant = constantName(method);
    CodeBlock sql = w.readSql(constant, d -> d.findByOrdered(c), "{@link #" + method + "}: served by the index on the column.");
    NameAllocator names = DaoWriter.names();
    String value = names.newName(c.name(), c);
    String ps = names.newName("ps");
    w.type.addMethod(MethodSpec.methodBuilder(method)
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("The rows that reference this $L, in primary-key order.\n\n<p>Runs {@link #$L}.\n",
            SourceFiles.code(fk.targetTable()), constant)
        .addParameter(Bindings.type(c), value)
        .returns(DaoWriter.parameterized(List.class, w.record))
        .addCode("return $T.list(this.db, $S, $L, $L -> $L, $L);\n", JDBC, w.methodName(method), sql, ps,
            Bindings.bind(c, ps, 1, CodeBlock.of("$N", value)), w.mapper())
        .build());
  }

  /** {@code Map<Long, List<X>> findByOwnerIdIn(Collection<Long>)}: the N+1 killer. */
  private void findByForeignKeyIn(ForeignKeyModel fk) {
    ColumnModel c = fk.column();
    String method = "findBy" + c.capitalized() + "In";
    String constant = constantName(method);
    TypeName keyType = Bindings.boxed(c);
    TypeName listType = DaoWriter.parameterized(List.class, w.record);
    CodeBlock sql = w.readSql(constant, d -> d.findByIn(c), "{@link #" + method + "}: one statement for any number of keys.");
    w.type.addMethod(MethodSpec.methodBuilder(method)
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("The rows that reference each of these $L keys, in one query instead of one per\n"
            + "key (the N+1 trap). Every requested key is in the map, in the caller's order, with an empty\n"
            + "list when no row references it. A row that references a key PostgreSQL finds equal to a\n"
            + "requested one and Java does not ({@code 8.10} for {@code 8.1}) is listed under its own key,\n"
            + "after them.\n\n<p>Runs {@link #$L}.\n", SourceFiles.code(fk.targetTable()), constant)
        .addParameter(DaoWriter.parameterized(Collection.class, keyType), "keys")
        .returns(DaoWriter.parameterized(Map.class, keyType, listType))
        .addCode("$T<$T, $T> found = new $T<>();\n", Map.class, keyType, listType, LinkedHashMap.class)
        .beginControlFlow("for ($T key : keys)", keyType)
        .addCode("found.putIfAbsent($T.requireNonNull(key, $S), new $T<>());\n", Objects.class, "keys must not contain null",
            ArrayList.class)
        .endControlFlow()
        .beginControlFlow("if (found.isEmpty())")
        .addCode("return found;\n")
        .endControlFlow()
        .beginControlFlow("for ($T row : $T.list(this.db, $S, $L, ps -> $L, $L))", w.record, JDBC,
            w.methodName(method), sql, Bindings.bindArray(c, "ps", 1, "found.keySet()"), w.mapper())
        .addCode("found.computeIfAbsent(row.$N(), k -> new $T<>()).add(row);\n", c.name(), ArrayList.class)
        .endControlFlow()
        .addCode("return found;\n")
        .build());
  }

  private boolean isUniqueKey(ColumnModel c) {
    return table.uniqueKeys().stream().anyMatch(k -> k.columns().equals(List.of(c)))
        || table.key().equals(List.of(c));
  }

  private static List<ParameterSpec> parameters(List<ColumnModel> columns, NameAllocator names) {
    List<ParameterSpec> params = new ArrayList<>();
    for (ColumnModel c : columns) {
      params.add(ParameterSpec.builder(Bindings.type(c), names.newName(c.name(), c)).build());
    }
    return params;
  }

  /** {@code findByTenantIdAndEmail} to {@code FIND_BY_TENANT_ID_AND_EMAIL}. */
  static String constantName(String method) {
    return dev.quarry.processor.sql.Identifiers.snakeCase(method).toUpperCase(java.util.Locale.ROOT);
  }
}
