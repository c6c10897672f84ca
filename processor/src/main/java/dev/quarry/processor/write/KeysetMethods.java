package dev.quarry.processor.write;

import static dev.quarry.processor.write.DaoWriter.JDBC;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.quarry.processor.model.ColumnKind;
import dev.quarry.processor.model.ColumnModel;
import dev.quarry.processor.model.KeysetModel;
import dev.quarry.processor.model.TableModel;
import dev.quarry.processor.sql.Dml;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.Modifier;

/**
 * {@code firstSlice}, {@code sliceAfter}, {@code sliceBefore} for {@code @KeysetPaged}, and
 * {@code search} for {@code @FullText}.
 */
final class KeysetMethods {
  private static final ClassName CURSOR = ClassName.get("dev.quarry.runtime", "Cursor");
  private static final ClassName SLICE = ClassName.get("dev.quarry.runtime", "Slice");
  private static final ClassName PAGE = ClassName.get("dev.quarry.runtime", "Page");
  private static final ClassName CODEC = ClassName.get("dev.quarry.runtime.internal", "CursorCodec");
  private static final ClassName SLICES = ClassName.get("dev.quarry.runtime.internal", "Slices");
  private static final ClassName INVALID = ClassName.get("dev.quarry.runtime", "InvalidCursorException");

  private final DaoWriter w;
  private final TableModel table;

  KeysetMethods(DaoWriter w) {
    this.w = w;
    this.table = w.table;
  }

  void addAll() {
    table.keyset().ifPresent(this::keyset);
    if (table.fullText().isPresent()) {
      search();
    }
  }

  private void keyset(KeysetModel k) {
    w.constant("KEYSET", k.fingerprint(table.table()), "The list cursors are issued for; a cursor of another list is refused.");
    CodeBlock first = w.readSql("FIRST_SLICE", Dml::firstSlice, "{@link #firstSlice}: the first rows in keyset order.");
    CodeBlock after = w.readSql("SLICE_AFTER", Dml::sliceAfter, "{@link #sliceAfter}: seeks past the cursor with a row-value comparison.");
    CodeBlock before = w.readSql("SLICE_BEFORE", Dml::sliceBefore, "{@link #sliceBefore}: seeks back from the cursor, nearest first.");
    CodeBlock rowsAfter = w.readSql("EXISTS_AFTER", d -> d.existsBeyond(true), "Whether rows follow a position.");
    CodeBlock rowsBefore = w.readSql("EXISTS_BEFORE", d -> d.existsBeyond(false), "Whether rows precede a position.");
    String order = k.columns().stream().map(ColumnModel::name).reduce((a, b) -> a + ", " + b).orElseThrow()
        + (k.descending() ? ", descending" : ", ascending");
    TypeName slice = DaoWriter.parameterized(SLICE, w.record);

    w.type.addMethod(MethodSpec.methodBuilder("firstSlice")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("The first {@code size} rows in keyset order ($L), and a cursor to the next slice when more follow.\n"
            + "Constant time at any depth: no OFFSET, an index seek instead.\n\n<p>Runs {@link #FIRST_SLICE}.\n\n"
            + "@throws IllegalArgumentException when {@code size} is outside 1..1000\n", order)
        .addParameter(int.class, "size")
        .returns(slice)
        .addCode("$T.checkSize(size);\n", PAGE)
        .addCode("return $T.run(this.db, $S, FIRST_SLICE, c -> $T.forward(\n$>$>$T.query(c, $L, ps -> ps.setInt(1, size + 1), $L),\n"
            + "size, $T::cursor, row -> false));\n$<$<", JDBC, w.methodName("firstSlice"), SLICES, JDBC, first, w.mapper(), w.dao)
        .build());
    w.type.addMethod(seekMethod("sliceAfter", "after", "SLICE_AFTER", after, rowsBefore, "forward",
        "The {@code size} rows after {@code after} in keyset order ($L).", order));
    w.type.addMethod(seekMethod("sliceBefore", "before", "SLICE_BEFORE", before, rowsAfter, "backward",
        "The {@code size} rows before {@code before}, listed in the same order as other slices ($L).", order));
    cursorOf(k);
  }

  /**
   * A seek from a cursor: decode the key values (refusing a foreign or altered cursor), run the
   * seek, and ask once whether rows lie on the other side.
   */
  private MethodSpec seekMethod(String method, String param, String constant, CodeBlock sql, CodeBlock otherSide,
      String direction, String doc, String order) {
    KeysetModel k = table.keyset().orElseThrow();
    MethodSpec.Builder m = MethodSpec.methodBuilder(method)
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc(doc + "\n\n<p>Runs {@link #$L}, then one index probe for the other side.\n\n"
            + "@throws $T when the cursor is malformed, altered, or from another list\n"
            + "@throws IllegalArgumentException when {@code size} is outside 1..1000\n", order, constant, INVALID)
        .addParameter(CURSOR, param)
        .addParameter(int.class, "size")
        .returns(DaoWriter.parameterized(SLICE, w.record))
        .addCode("$T.checkSize(size);\n", PAGE)
        .addCode("$T.Reader key = $T.reader($T.requireNonNull($N, $S), KEYSET);\n", CODEC, CODEC, Objects.class, param, param);
    List<ColumnModel> columns = k.columns();
    for (int i = 0; i < columns.size(); i++) {
      ColumnModel c = columns.get(i);
      m.addCode("$T k$L = key.$L;\n", Bindings.type(c), i, readCall(c));
    }
    m.addCode("key.end();\n");
    CodeBlock.Builder binds = CodeBlock.builder();
    for (int i = 0; i < columns.size(); i++) {
      binds.add("$L;\n", Bindings.bind(columns.get(i), "ps", i + 1, CodeBlock.of("k$L", i)));
    }
    binds.add("ps.setInt($L, size + 1);\n", columns.size() + 1);
    CodeBlock.Builder rowBinds = CodeBlock.builder();
    for (int i = 0; i < columns.size(); i++) {
      rowBinds.add("$L;\n", Bindings.bind(columns.get(i), "ps", i + 1, CodeBlock.of("row.$N()", columns.get(i).name())));
    }
    return m.addCode("return $T.run(this.db, $S, $L, c -> $T.$L(\n$>$>$T.query(c, $L, ps -> {\n$>$L$<}, $L),\n"
            + "size, $T::cursor, row -> $T.exists(c, $L, ps -> {\n$>$L$<})));\n$<$<",
            JDBC, w.methodName(method), constant, SLICES, direction, JDBC, sql, binds.build(), w.mapper(), w.dao, JDBC,
            otherSide, rowBinds.build())
        .build();
  }

  /** {@code cursor(row)}: the row's key values, signed and bound to {@link #KEYSET}. */
  private void cursorOf(KeysetModel k) {
    CodeBlock.Builder chain = CodeBlock.builder().add("return $T.writer(KEYSET)", CODEC);
    for (ColumnModel c : k.columns()) {
      chain.add("\n$>$>.$L(row.$N())$<$<", c.kind().wire(), c.name());
    }
    w.type.addMethod(MethodSpec.methodBuilder("cursor")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("The cursor at {@code row}'s position in {@link #KEYSET}.\n")
        .addParameter(w.record, "row")
        .returns(CURSOR)
        .addCode(chain.add("\n$>$>.build();\n$<$<").build())
        .build());
  }

  /** {@code List<X> search(String query, int limit)} */
  private void search() {
    CodeBlock sql = w.readSql("SEARCH", Dml::search, "{@link #search}: ranked full-text search on the GIN index.");
    w.type.addMethod(MethodSpec.methodBuilder("search")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("The best {@code limit} matches for {@code query}, as a user would type it into a search box\n"
            + "({@code \"exact phrase\"}, {@code or}, {@code -excluded}); any text is accepted, none is a syntax\n"
            + "error. Ranked by {@code ts_rank}, ties by primary key.\n\n<p>Runs {@link #SEARCH}.\n\n"
            + "@throws IllegalArgumentException when {@code limit} is outside 1..1000\n")
        .addParameter(String.class, "query")
        .addParameter(int.class, "limit")
        .returns(DaoWriter.parameterized(List.class, w.record))
        .addCode("$T.requireNonNull(query, $S);\n", Objects.class, "query")
        .addCode("$T.checkSize(limit);\n", PAGE)
        .addComment("text cannot hold NUL; a search box can send one")
        .addCode("String text = query.replace(\"\\0\", \"\");\n")
        .addCode("return $T.list(this.db, $S, $L, ps -> {\n$>ps.setString(1, text);\nps.setString(2, text);\nps.setInt(3, limit);\n$<}, $L);\n",
            JDBC, w.methodName("search"), sql, w.mapper())
        .build());
  }

  /** {@code key.int8()}; an enum needs its class, an OffsetDateTime is read as the instant it holds. */
  private static CodeBlock readCall(ColumnModel c) {
    if (c.kind() == ColumnKind.ENUM) {
      return CodeBlock.of("enumName($T.class)", Bindings.type(c));
    }
    if (c.kind() == ColumnKind.OFFSET_DATE_TIME) {
      return CodeBlock.of("timestamptz().atOffset($T.UTC)", java.time.ZoneOffset.class);
    }
    return CodeBlock.of("$L()", c.kind().wire());
  }
}
