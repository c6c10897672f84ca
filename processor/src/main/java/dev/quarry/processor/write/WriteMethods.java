package dev.quarry.processor.write;

import static dev.quarry.processor.write.DaoWriter.JDBC;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import dev.quarry.processor.model.ColumnKind;
import dev.quarry.processor.model.ColumnModel;
import dev.quarry.processor.model.TableModel;
import dev.quarry.processor.model.UniqueKeyModel;
import dev.quarry.processor.sql.Dml;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/** The DAO's writes: insert, update, delete. */
final class WriteMethods {
  private static final ClassName UUID_V7 = ClassName.get("dev.quarry.runtime", "UuidV7");
  private static final ClassName OPTIMISTIC_LOCK = ClassName.get("dev.quarry.runtime", "OptimisticLockException");
  private static final ClassName UNIQUE_VIOLATION = ClassName.get("dev.quarry.runtime", "UniqueViolationException");
  private static final ClassName BULK = ClassName.get("dev.quarry.runtime.internal", "Bulk");

  private final DaoWriter w;
  private final TableModel table;
  private final Dml dml;

  WriteMethods(DaoWriter w) {
    this.w = w;
    this.table = w.table;
    this.dml = w.dml;
  }

  void addAll() {
    insert();
    update();
    upsert();
    for (UniqueKeyModel key : table.uniqueKeys()) {
      upsertBy(key);
    }
    delete();
    if (table.version().isPresent()) {
      deleteVersioned();
    }
    if (table.hasSingleKey()) {
      deleteByIds();
    }
    if (table.softDelete().isPresent()) {
      keyed("restore", "RESTORE", dml.restore(), "Brings back the deleted row with this primary key.\n\n"
          + "<p>Runs {@link #RESTORE}.\n\n@return whether a deleted row was restored\n"
          + "@throws $T when a live row has since taken one of its unique keys\n", UNIQUE_VIOLATION);
      keyed("purge", "PURGE", dml.purge(), "Removes the row with this primary key for good, deleted or not.\n\n"
          + "<p>Runs {@link #PURGE}.\n\n@return whether a row was removed\n");
    }
  }

  /**
   * {@code X insert(X)}: with {@code @Identity}, a null id is left to PostgreSQL; a null UUID
   * key gets a UUIDv7. Either way the stored row comes back through RETURNING.
   */
  private void insert() {
    w.constant("INSERT", dml.insert(false), "{@link #insert}: the stored row returned.");
    if (table.identity().isPresent()) {
      w.constant("INSERT_IDENTITY", dml.insert(true), "{@link #insert} when PostgreSQL chooses the identity.");
      w.constant("ADVANCE_IDENTITY", dml.advanceIdentity().orElseThrow(),
          "Writes with an explicit identity value: keeps the identity's sequence past it.");
    }
    String doc = "Inserts {@code row} and returns it as stored" + storedNote() + ".\n";
    w.type.addMethod(returningWrite("insert", "INSERT", "INSERT_IDENTITY", doc + "\n<p>Runs {@link #INSERT}.\n").build());
  }

  /** {@code X upsert(X)}: insert, or update the row with the same primary key. */
  private void upsert() {
    w.constant("UPSERT", dml.upsert(table.key(), false), "{@link #upsert}: atomic insert-or-update by primary key.");
    String doc = "Inserts {@code row}, or when a row with its primary key exists, updates that row's other columns\n"
        + "in the same atomic statement (no read-then-write race); returns the row as stored.\n"
        + (table.identity().isPresent() ? "A null {@code " + table.identity().get().name() + "} cannot conflict: the row is inserted.\n" : "")
        + "\n<p>Runs {@link #UPSERT}.\n";
    w.type.addMethod(returningWrite("upsert", "UPSERT", "INSERT_IDENTITY", doc).build());
  }

  /** {@code X upsertByEmail(X)}: insert, or update the row with the same unique key. */
  private void upsertBy(UniqueKeyModel key) {
    String method = "upsertBy" + key.suffix();
    String constant = ReadMethods.constantName(method);
    w.constant(constant, dml.upsert(key.columns(), false), "{@link #" + method + "}: atomic insert-or-update by unique key.");
    if (table.identity().isPresent()) {
      w.constant(constant + "_IDENTITY", dml.upsert(key.columns(), true), "{@link #" + method
          + "} when PostgreSQL chooses the identity.");
    }
    String doc = "Inserts {@code row}, or when a " + (table.softDelete().isPresent() ? "live " : "")
        + "row with its unique key exists, updates that row's other columns\n"
        + "(never its primary key) in the same atomic statement; returns the row as stored.\n"
        + "\n<p>Runs {@link #" + constant + "}.\n";
    w.type.addMethod(returningWrite(method, constant, constant + "_IDENTITY", doc).build());
  }

  /**
   * A method that runs one INSERT ... RETURNING for {@code row}: the identity variant when the
   * id is null, UUID keys filled with UUIDv7 first.
   */
  private MethodSpec.Builder returningWrite(String method, String constant, String identityConstant, String doc) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(method)
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc(doc, doc.contains("$T") ? new Object[] {UUID_V7} : new Object[0])
        .addParameter(w.record, "row")
        .returns(w.record)
        .addCode("$T.requireNonNull(row, $S);\n", Objects.class, "row");
    Optional<ColumnModel> identity = table.identity();
    if (identity.isPresent()) {
      m.beginControlFlow("if (row.$N() == null)", identity.get().name())
          .addCode("return $T.one(this.db, $S, $L, $L, $L).orElseThrow();\n", JDBC, w.methodName(method),
              identityConstant, DaoWriter.writeBinder("ps", dml.insertColumns(true), dml.insertColumns(true),
                  c -> CodeBlock.of("row.$N()", c.name())),
              w.mapper())
          .endControlFlow();
    }
    NameAllocator names = DaoWriter.names();
    names.newName("row");
    for (ColumnModel c : uuidKeys()) {
      m.addCode("$T $N = row.$N() != null ? row.$N() : $T.next();\n", Bindings.type(c), names.newName(c.name(), c),
          c.name(), c.name(), UUID_V7);
    }
    List<ColumnModel> inserted = dml.insertColumns(false);
    CodeBlock binder = DaoWriter.writeBinder("ps", inserted, inserted, c -> uuidKeys().contains(c)
        ? CodeBlock.of("$N", names.get(c)) : CodeBlock.of("row.$N()", c.name()));
    if (identity.isEmpty()) {
      return m.addCode("return $T.one(this.db, $S, $L, $L, $L).orElseThrow();\n", JDBC, w.methodName(method),
          constant, binder, w.mapper());
    }
    // An explicit id: move the identity's sequence past it first, or a later null id would collide.
    String c = names.newName("c");
    return m.addCode("return $T.run(this.db, $S, $L, $L -> {\n$>", JDBC, w.methodName(method), constant, c)
        .addCode("$T.advanceIdentity($L, ADVANCE_IDENTITY, row.$N());\n", BULK, c, identity.get().name())
        .addCode("return $T.query($L, $L, $L, $L).get(0);\n$<});\n", JDBC, c, constant, binder, w.mapper());
  }

  private List<ColumnModel> uuidKeys() {
    return table.key().stream().filter(c -> c.kind() == ColumnKind.UUID).toList();
  }

  /** What "as stored" means for this table, for Javadoc. */
  private String storedNote() {
    List<String> notes = new ArrayList<>();
    table.identity().ifPresent(c -> notes.add("a null {@code " + c.name() + "} chosen by PostgreSQL"));
    uuidKeys().forEach(c -> notes.add("a null {@code " + c.name() + "} as a time-ordered {@link $T#next() UUIDv7}"));
    table.timestamps().ifPresent(t -> notes.add("{@code " + t.created().name() + "} and {@code " + t.updated().name()
        + "} set by PostgreSQL"));
    return notes.isEmpty() ? "" : ": " + String.join(", ", notes);
  }

  /** {@code Optional<X> update(X)}: by key, every other column, the version checked and bumped. */
  private void update() {
    w.constant("UPDATE", dml.update(), "{@link #update}: every non-key column, by key.");
    List<ColumnModel> params = new ArrayList<>(table.updatable());
    params.addAll(table.key());
    table.version().ifPresent(params::add);
    MethodSpec.Builder m = MethodSpec.methodBuilder("update")
        .addModifiers(Modifier.PUBLIC)
        .addParameter(w.record, "row")
        .returns(DaoWriter.parameterized(Optional.class, w.record))
        .addCode("$T.requireNonNull(row, $S);\n", Objects.class, "row");
    CodeBlock binder = DaoWriter.writeBinder("ps", params, table.updatable(), c -> CodeBlock.of("row.$N()", c.name()));
    if (table.version().isEmpty()) {
      m.addJavadoc("Writes every column of {@code row} but the key to the row with its key.\n\n"
              + "<p>Runs {@link #UPDATE}.\n\n@return the row as stored, or empty when no row has this key\n")
          .addCode("return $T.one(this.db, $S, UPDATE, $L, $L);\n", JDBC, w.methodName("update"), binder, w.mapper());
    } else {
      String version = table.version().get().name();
      m.addJavadoc("Writes every column of {@code row} but the key to the row with its key, provided the stored\n"
              + "{@code $L} still equals the record's, and bumps it.\n\n"
              + "<p>Runs {@link #UPDATE}.\n\n"
              + "@return the row as stored, with the new version, or empty when no row has this key\n"
              + "@throws $T when the row exists at another version\n", version, OPTIMISTIC_LOCK)
          .addCode("$T<$T> updated = $T.one(this.db, $S, UPDATE, $L, $L);\n", Optional.class, w.record, JDBC,
              w.methodName("update"), binder, w.mapper());
      versionConflict(m, "updated.isEmpty()", "update");
      m.addCode("return updated;\n");
    }
    w.type.addMethod(m.build());
  }

  /** {@code boolean delete(K)}: hard, or a stamp under {@code @SoftDelete}. */
  private void delete() {
    String what = table.softDelete().isPresent()
        ? "Marks the row with this primary key deleted (its {@code " + table.softDelete().get().name()
            + "} set to now); reads no longer see it"
        : "Deletes the row with this primary key";
    String version = table.version().isPresent() ? ", whatever its version (see {@link #delete($T)} for the checked form)" : "";
    keyed("delete", "DELETE", dml.delete(), what + version + ".\n\n<p>Runs {@link #DELETE}.\n\n"
        + "@return whether a " + (table.softDelete().isPresent() ? "live " : "") + "row was deleted\n",
        table.version().isPresent() ? new Object[] {w.record} : new Object[0]);
  }

  /** {@code boolean name(K)} running an update-count statement by primary key. */
  private void keyed(String method, String constant, String sql, String doc, Object... docArgs) {
    w.constant(constant, sql, "{@link #" + method + "}: by primary key.");
    NameAllocator names = DaoWriter.names();
    List<ParameterSpec> params = w.keyParameters(names);
    String ps = names.newName("ps");
    w.type.addMethod(MethodSpec.methodBuilder(method)
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc(doc, docArgs)
        .addParameters(params)
        .returns(boolean.class)
        .addCode("return $T.update(this.db, $S, $L, $L) > 0;\n", JDBC, w.methodName(method), constant,
            DaoWriter.binder(ps, table.key(), c -> CodeBlock.of("$N", params.get(table.key().indexOf(c)))))
        .build());
  }

  /** {@code boolean delete(X)}: under {@code @Version}, deletes only the version that was read. */
  private void deleteVersioned() {
    w.constant("DELETE_VERSIONED", dml.deleteVersioned(), "{@link #delete(" + w.record.simpleName()
        + ")}: by key and expected version.");
    List<ColumnModel> params = new ArrayList<>(table.key());
    params.add(table.version().orElseThrow());
    MethodSpec.Builder m = MethodSpec.methodBuilder("delete")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("Deletes the row with {@code row}'s key, provided it is still at {@code row}'s version.\n\n"
            + "<p>Runs {@link #DELETE_VERSIONED}.\n\n"
            + "@return whether a row was deleted; false when no row has this key\n"
            + "@throws $T when the row exists at another version\n", OPTIMISTIC_LOCK)
        .addParameter(w.record, "row")
        .returns(boolean.class)
        .addCode("$T.requireNonNull(row, $S);\n", Objects.class, "row")
        .addCode("boolean deleted = $T.update(this.db, $S, DELETE_VERSIONED, $L) > 0;\n", JDBC,
            w.methodName("delete"), rowBinder(params, c -> CodeBlock.of("row.$N()", c.name())));
    versionConflict(m, "!deleted", "delete");
    w.type.addMethod(m.addCode("return deleted;\n").build());
  }

  /**
   * The statement matched nothing: either the row is gone (not a conflict) or its version
   * moved (a conflict the caller must hear about).
   */
  private void versionConflict(MethodSpec.Builder m, String noMatch, String method) {
    m.beginControlFlow("if ($L && $T.exists(this.db, $S, EXISTS_BY_ID, $L))", noMatch, JDBC, w.methodName(method),
            DaoWriter.binder("ps", table.key(), c -> CodeBlock.of("row.$N()", c.name())))
        .addCode("throw new $T($S);\n", OPTIMISTIC_LOCK, w.methodName(method) + ": the row in "
            + table.table() + " was changed since it was read (its " + table.version().orElseThrow().column()
            + " moved); nothing was written. Read it again and retry")
        .endControlFlow();
  }

  /** {@code int deleteByIds(Collection<K>)} */
  private void deleteByIds() {
    ColumnModel key = table.key().get(0);
    TypeName keyType = Bindings.boxed(key);
    w.constant("DELETE_BY_IDS", dml.deleteByIds(), "{@link #deleteByIds}: one statement for any number of keys.");
    w.type.addMethod(MethodSpec.methodBuilder("deleteByIds")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("Deletes the rows with these primary keys in one statement.\n\n"
            + "<p>Runs {@link #DELETE_BY_IDS}.\n\n@return the number of rows deleted\n")
        .addParameter(DaoWriter.parameterized(Collection.class, keyType), "ids")
        .returns(int.class)
        .addCode("$T.requireNonNull(ids, $S);\n", Objects.class, "ids")
        .beginControlFlow("if (ids.isEmpty())")
        .addCode("return 0;\n")
        .endControlFlow()
        .addCode("return $T.update(this.db, $S, DELETE_BY_IDS, ps -> $L);\n", JDBC, w.methodName("deleteByIds"),
            Bindings.bindArray(key, "ps", 1, "ids"))
        .build());
  }

  private static CodeBlock rowBinder(List<ColumnModel> columns, java.util.function.Function<ColumnModel, CodeBlock> value) {
    return DaoWriter.binder("ps", columns, value);
  }
}
