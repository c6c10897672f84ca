package dev.quarry.processor.write;

import static dev.quarry.processor.write.DaoWriter.JDBC;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.quarry.processor.model.ColumnKind;
import dev.quarry.processor.model.ColumnModel;
import dev.quarry.processor.model.TableModel;
import dev.quarry.processor.model.UniqueKeyModel;
import dev.quarry.processor.sql.Citus;
import dev.quarry.processor.sql.Copying;
import dev.quarry.processor.sql.Dml;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * The DAO's bulk writes: {@code insertAll} (binary COPY), {@code insertAllReturning} (one
 * {@code unnest} INSERT), and {@code upsertAll}/{@code upsertAllByU} (COPY into a staging table,
 * then one sorted {@code MERGE}, or {@code INSERT ... SELECT ... ON CONFLICT} wherever the two
 * would differ, as the runtime's {@code StagedUpsert} decides, and always on Citus).
 */
final class BulkMethods {
  private static final ClassName BULK = ClassName.get("dev.quarry.runtime.internal", "Bulk");
  private static final ClassName LAST_GIVEN = ClassName.get("dev.quarry.runtime.internal", "LastGiven");
  private static final ClassName STAGED_UPSERT = ClassName.get("dev.quarry.runtime.internal", "StagedUpsert");
  private static final ClassName ENCODER = ClassName.get("dev.quarry.runtime.internal", "CopyEncoder");
  private static final ClassName UUID_V7 = ClassName.get("dev.quarry.runtime", "UuidV7");

  private final DaoWriter w;
  private final TableModel table;
  private final Dml dml;

  BulkMethods(DaoWriter w) {
    this.w = w;
    this.table = w.table;
    this.dml = w.dml;
  }

  void addAll() {
    w.constant("CREATE_STAGE", dml.createStage(), "Bulk writes: a staging table private to the transaction.");
    w.constant("COPY_STAGE", dml.copyStage(), "Bulk writes: binary COPY into the staging table.");
    w.constant("DROP_STAGE", dml.dropStage(), "Bulk writes: drops the staging table once used.");
    dml.nextIdentities().ifPresent(sql -> w.constant("NEXT_IDENTITIES", sql,
        "Bulk writes: reserves identity values for rows whose id is null."));
    if (dml.keysInJava(table.key()) || table.uniqueKeys().stream().anyMatch(k -> dml.keysInJava(k.columns()))) {
      w.constant("REMOVE_REPLACED", dml.removeReplaced(),
          "Bulk upserts ordered in Java: removes the staged rows that a later row of their key replaces.");
    }
    insertAll();
    insertAllReturning();
    upsertAll("upsertAll", "UPSERT_ALL", table.key());
    for (UniqueKeyModel key : table.uniqueKeys()) {
      upsertAll("upsertAllBy" + key.suffix(), ReadMethods.constantName("upsertAllBy" + key.suffix()), key.columns());
    }
    keyed();
    encode("encode", table.insertable(), "Writes one row of binary COPY: the insertable columns, in order.\n");
    if (table.identity().isPresent() && dml.copiesDirectly()) {
      encode("encodeNew", dml.insertableWithoutIdentity(),
          "Writes one new row of binary COPY: the columns of {@link #COPY_IN_NEW}, in order (no identity).\n");
    }
  }


  /** {@code int insertAll(Collection<X>)} */
  private void insertAll() {
    MethodSpec.Builder m = bulkMethod("insertAll", TypeName.INT)
        .addJavadoc("Inserts every row with binary {@code COPY}, the fastest way into PostgreSQL, and returns how\n"
            + "many were stored. All or nothing: when one row fails (a unique key, a NOT NULL column, a key\n"
            + "no partition covers), none is stored and the failure is thrown as its typed exception.\n"
            + generatedKeysNote(true) + "\n<p>Runs {@link #$L}.\n", !dml.copiesDirectly() ? "COPY_STAGE"
                : table.identity().isPresent() ? "COPY_IN_NEW} when no row has an id, else {@link #COPY_IN" : "COPY_IN")
        .beginControlFlow("if (rows.isEmpty())")
        .addCode("return 0;\n")
        .endControlFlow();
    if (dml.copiesDirectly()) {
      w.constant("COPY_IN", dml.copyIn(), "{@link #insertAll}: binary COPY straight into the table.");
      if (table.identity().isPresent()) {
        w.constant("COPY_IN_NEW", dml.copyInNew(),
            "{@link #insertAll} of rows without ids: the identity numbers them as COPY stores them.");
        m.addComment("no row has an id: copy without the column, and let the identity number the rows (no ids reserved)")
            .beginControlFlow("if ($T.allWithoutId(rows, $T::$N))", BULK, w.record, table.identity().get().name())
            .addCode("return $T.run(this.db, $S, COPY_IN_NEW,\n$>$>c -> (int) $T.copy(c, COPY_IN_NEW, rows, $L));\n$<$<",
                JDBC, w.methodName("insertAll"), BULK, w.encoder("encodeNew"))
            .endControlFlow();
      }
      m.addCode("return $T.run(this.db, $S, COPY_IN, c -> (int) $T.copy(c, COPY_IN, keyed(c, rows), $L));\n",
          JDBC, w.methodName("insertAll"), BULK, w.encoder());
    } else {
      // A column of a type Quarry cannot encode is staged as text and cast on the way in.
      w.constant("INSERT_FROM_STAGE", dml.insertFromStage(), "{@link #insertAll}: staged rows into the table.");
      m.addCode("return this.db.transaction(() -> $T.run(this.db, $S, COPY_STAGE, c -> {\n$>", JDBC, w.methodName("insertAll"))
          .addCode("$T.execute(c, CREATE_STAGE);\n", BULK)
          .addCode("$T.copyToStage(c, COPY_STAGE, keyed(c, rows), $L);\n", BULK, w.encoder())
          .addCode("int stored = $T.executeUpdate(c, INSERT_FROM_STAGE);\n", BULK)
          .addCode("$T.execute(c, DROP_STAGE);\n", BULK)
          .addCode("return stored;\n$<}));\n");
    }
    w.type.addMethod(m.build());
  }

  /** {@code List<X> insertAllReturning(Collection<X>)} */
  private void insertAllReturning() {
    w.constant("INSERT_ALL_RETURNING", dml.insertAllReturning(),
        "{@link #insertAllReturning}: one INSERT over one array per column.");
    List<ColumnModel> columns = table.insertable();
    CodeBlock.Builder binds = CodeBlock.builder();
    for (int i = 0; i < columns.size(); i++) {
      ColumnModel c = columns.get(i);
      CodeBlock value = CodeBlock.of("row.$N()", c.name());
      CodeBlock column = c.kind() == ColumnKind.ARRAY
          ? CodeBlock.of("$T.column(keyed, row -> $T.literal($L, $S))", BULK, Bindings.ARRAY_VALUES,
              Bindings.list(c, value), Bindings.label(c))
          : c.kind() == ColumnKind.JSON
              ? CodeBlock.of("$T.column(keyed, row -> $L)", BULK, DaoWriter.document(c, value))
              : CodeBlock.of("$T.column(keyed, $T::$N)", BULK, w.record, c.name());
      int length = c.kind() == ColumnKind.ARRAY ? Bindings.varcharLength(c) : -1;
      if (length >= 0) {
        // elements travel inside a text literal; their length is checked first
        binds.add("$T.checkVarchars(keyed, row -> $L, $L, $S);\n", Bindings.BINDS, Bindings.list(c, value), length,
            Bindings.label(c));
      }
      binds.add("$L;\n", Bindings.bindColumnValues(c, "ps", i + 1, column));
    }
    w.type.addMethod(bulkMethod("insertAllReturning", DaoWriter.parameterized(List.class, w.record))
        .addJavadoc("Inserts every row in one statement and returns them as stored, in the order given.\n"
            + "Slower than {@link #insertAll} for large loads; use it when the stored rows are needed.\n"
            + generatedKeysNote(false) + "\n<p>Runs {@link #INSERT_ALL_RETURNING}.\n")
        .beginControlFlow("if (rows.isEmpty())")
        .addCode("return new $T<>();\n", ArrayList.class)
        .endControlFlow()
        .addCode("return $T.run(this.db, $S, INSERT_ALL_RETURNING, c -> {\n$>", JDBC, w.methodName("insertAllReturning"))
        .addCode("$T<$T> keyed = keyed(c, rows);\n", List.class, w.record)
        .addCode("return $T.query(c, INSERT_ALL_RETURNING, ps -> {\n$>$L$<}, $L);\n$<});\n", JDBC, binds.build(), w.mapper())
        .build());
  }

  /** {@code int upsertAll(Collection<X>)} and {@code int upsertAllByEmail(Collection<X>)} */
  private void upsertAll(String method, String constant, List<ColumnModel> target) {
    w.constant(constant, dml.upsertFromStage(target), "{@link #" + method + "}: staged rows, in key order, upserted.");
    String merge = constant.replace("UPSERT_ALL", "MERGE_ALL");
    boolean merges = !Citus.placed(table);
    boolean inJava = dml.keysInJava(target);
    String order = constant.replace("UPSERT_ALL", "KEY_ORDER");
    if (inJava) {
      w.type.addField(FieldSpec.builder(DaoWriter.parameterized(Comparator.class, w.record), order,
              Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .addJavadoc("{@link #" + method + "}: rows by their key, in PostgreSQL's order of it.\n")
          .initializer(keyOrder(target))
          .build());
    }
    if (merges) {
      w.constant(merge, dml.mergeFromStage(target), "{@link #" + method + "}: the same upsert as {@link #" + constant
          + "}, as one MERGE.");
    }
    w.type.addMethod(bulkMethod(method, TypeName.INT)
        .addJavadoc("Inserts or updates every row by its " + (target.equals(table.key()) ? "primary key" : "unique key ("
                + target.stream().map(ColumnModel::name).collect(Collectors.joining(", ")) + ")")
            + " and returns how many rows were written.\n\n"
            + "<p>Rows are staged with binary {@code COPY} and upserted by one statement. Keys PostgreSQL\n"
            + "finds equal keep the last row given (one statement cannot touch a row twice); a key with a\n"
            + "NULL part never conflicts, so its row is inserted. Rows are applied in key order, so two\n"
            + "batches over the same keys never deadlock. All or nothing, in the caller's transaction\n"
            + "when there is one.\n" + generatedKeysNote(false) + "\n<p>Runs "
            + (merges ? "{@link #" + merge + "}, or instead\n{@link #" + constant + "} where the two would differ:"
                + " on a table with rules, row-level\nsecurity, inheritance children, {@code BEFORE INSERT} triggers or"
                + " deferrable keys, and\nwhen another transaction inserts one of the keys meanwhile (SQLSTATE 23505;"
                + " the MERGE is\nundone first).\n"
                : "{@link #" + constant + "}.\n"))
        .beginControlFlow("if (rows.isEmpty())")
        .addCode("return 0;\n")
        .endControlFlow()
        .addCode("return this.db.transaction(() -> $T.run(this.db, $S, $L, c -> {\n$>", JDBC, w.methodName(method),
            merges ? merge : constant)
        .addCode("$T.execute(c, CREATE_STAGE);\n", BULK)
        .addCode(inJava
            ? CodeBlock.builder()
                .add("// Every row in key order, so PostgreSQL need not sort them; rows a later row of their key\n")
                .add("// replaces are staged too, so that their values are checked, and then removed.\n")
                .add("$T.Staged<$T> staged = $T.inKeyOrder(keyed(c, rows), $L);\n", LAST_GIVEN, w.record, LAST_GIVEN, order)
                .add("$T.copyToStage(c, COPY_STAGE, staged, $L);\n", BULK, w.encoder())
                .beginControlFlow("if (staged.replacesAny())")
                .add("$T.execute(c, REMOVE_REPLACED);\n", BULK)
                .endControlFlow()
                .build()
            : CodeBlock.of("$T.copyToStage(c, COPY_STAGE, keyed(c, rows), $L);\n", BULK, w.encoder()))
        .addCode(merges ? CodeBlock.of("int written = $T.run(c, $S, $L, $L);\n", STAGED_UPSERT, dml.target(), merge, constant)
            : CodeBlock.of("int written = $T.executeUpdate(c, $L);\n", BULK, constant))
        .addCode("$T.execute(c, DROP_STAGE);\n", BULK)
        .addCode("return written;\n$<}));\n")
        .build());
  }

  /** A comparator of rows by {@code target}, as PostgreSQL orders its values (see {@code Dml.keysInJava}). */
  private CodeBlock keyOrder(List<ColumnModel> target) {
    CodeBlock.Builder b = CodeBlock.builder().add("$T", Comparator.class);
    for (int i = 0; i < target.size(); i++) {
      ColumnModel c = target.get(i);
      String call = i == 0 ? ".comparing" : "\n.thenComparing";
      if (c.kind() == ColumnKind.UUID) {
        b.add(call + "($T::$N, $T.UUID_ORDER)", w.record, c.name(), LAST_GIVEN);
      } else if (c.primitive()) {
        b.add(call + (c.kind() == ColumnKind.LONG ? "Long" : "Int") + "($T::$N)", w.record, c.name());
      } else {
        b.add(call + "($T::$N)", w.record, c.name());
      }
    }
    return b.build();
  }

  private MethodSpec.Builder bulkMethod(String name, TypeName returns) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PUBLIC)
        .addParameter(DaoWriter.parameterized(Collection.class, w.record), "rows")
        .returns(returns)
        .addCode("$T.requireNonNull(rows, $S);\n", Objects.class, "rows");
  }

  private String generatedKeysNote(boolean insertAll) {
    if (table.identity().isPresent()) {
      return "Null {@code " + table.identity().get().name() + "} values are reserved from the identity in one round trip"
          + (insertAll && dml.copiesDirectly() ? "\n(when no row has one, the identity numbers the rows as they are stored)" : "")
          + ";\nexplicit ones first move the identity's sequence past the largest of them.\n";
    }
    return table.key().stream().anyMatch(c -> c.kind() == ColumnKind.UUID)
        ? "Null UUID keys are filled with time-ordered UUIDv7 values.\n" : "";
  }

  /**
   * {@code keyed(c, rows)}: the rows with every generated key filled in, so bulk paths send
   * final keys (and can de-duplicate by them).
   */
  private void keyed() {
    MethodSpec.Builder m = MethodSpec.methodBuilder("keyed")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("The rows with every generated key filled in; rejects null rows.\n")
        .addParameter(Connection.class, "c")
        .addParameter(DaoWriter.parameterized(Collection.class, w.record), "rows")
        .returns(DaoWriter.parameterized(List.class, w.record))
        .addException(SQLException.class);
    List<ColumnModel> generated = table.key().stream()
        .filter(c -> c.identity() || c.kind() == ColumnKind.UUID).toList();
    if (generated.isEmpty()) {
      m.addCode("$T<$T> keyed = new $T<>(rows.size());\n", List.class, w.record, ArrayList.class)
          .beginControlFlow("for ($T row : rows)", w.record)
          .addCode("keyed.add($T.requireNonNull(row, $S));\n", Objects.class, "rows must not contain null")
          .endControlFlow()
          .addCode("return keyed;\n");
      w.type.addMethod(m.build());
      return;
    }
    String complete = generated.stream().map(c -> "row." + c.name() + "() != null").collect(Collectors.joining(" && "));
    if (table.identity().isPresent()) {
      m.addCode("int missing = 0;\n")
          .beginControlFlow("for ($T row : rows)", w.record)
          .beginControlFlow("if ($T.requireNonNull(row, $S).$N() == null)", Objects.class, "rows must not contain null",
              table.identity().get().name())
          .addCode("missing++;\n")
          .endControlFlow()
          .endControlFlow()
          .addCode("// Explicit ids first move the identity's sequence past them, or later null ids would collide.\n")
          .addCode("$T.advanceIdentity(c, ADVANCE_IDENTITY, $T.maxId(rows, $T::$N));\n", BULK, BULK, w.record,
              table.identity().get().name())
          .addCode("long[] ids = $T.nextIdentities(c, NEXT_IDENTITIES, missing);\n", BULK)
          .addCode("int next = 0;\n");
    }
    CodeBlock.Builder args = CodeBlock.builder();
    for (int i = 0; i < table.columns().size(); i++) {
      ColumnModel c = table.columns().get(i);
      args.add(i > 0 ? ",\n" : "");
      if (c.identity()) {
        args.add("ids[next++]");
      } else if (generated.contains(c)) {
        args.add("row.$N() != null ? row.$N() : $T.next()", c.name(), c.name(), UUID_V7);
      } else {
        args.add("row.$N()", c.name());
      }
    }
    m.addCode("$T<$T> keyed = new $T<>(rows.size());\n", List.class, w.record, ArrayList.class)
        .beginControlFlow("for ($T row : rows)", w.record);
    if (table.identity().isEmpty()) {
      m.addCode("$T.requireNonNull(row, $S);\n", Objects.class, "rows must not contain null");
    }
    w.type.addMethod(m.beginControlFlow("if ($L)", complete)
        .addCode("keyed.add(row);\n")
        .nextControlFlow("else")
        .addCode("keyed.add(new $T(\n$>$>$L));\n$<$<", w.record, args.build())
        .endControlFlow()
        .endControlFlow()
        .addCode("return keyed;\n")
        .build());
  }

  /** {@code encode(row, out)}: one row of binary COPY, each column's encoder chosen at compile time. */
  private void encode(String name, List<ColumnModel> columns, String doc) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(name)
        .addModifiers(w.rowHelper())
        .addJavadoc(doc)
        .addParameter(w.record, "row")
        .addParameter(ENCODER, "out")
        .addException(SQLException.class)
        .addCode("out.row($L);\n", columns.size());
    for (ColumnModel c : columns) {
      CodeBlock value = CodeBlock.of("row.$N()", c.name());
      if (c.kind() == ColumnKind.ARRAY) {
        m.addCode("out.array($L, $L, $L);\n", Copying.elementOid(c), Bindings.list(c, value),
            Bindings.elementEncoder(c, Copying.encoder(c)));
      } else if (c.kind() == ColumnKind.JSON) {
        m.addCode("out.$L($L, $S);\n", Copying.encoder(c), DaoWriter.document(c, value), Bindings.label(c));
      } else {
        m.addCode("$L;\n", Bindings.encode(c, "out", Copying.encoder(c), value));
      }
    }
    w.type.addMethod(m.build());
  }
}
