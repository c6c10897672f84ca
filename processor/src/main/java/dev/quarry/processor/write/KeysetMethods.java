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
  private static final ClassName BINDER = ClassName.get("dev.quarry.runtime.internal", "Binder");
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
    CodeBlock after = w.readSql("SLICE_AFTER", Dml::sliceAfter,
        "{@link #sliceAfter}: seeks from the cursor with a row-value comparison, the row at the cursor first.");
    CodeBlock afterFrom = w.readSql("SLICE_AFTER_INCLUSIVE", Dml::sliceAfterInclusive,
        "{@link #sliceAfter} from a cursor that includes its row (the other side of an empty slice); the last column says\n"
            + "whether rows lie before.");
    CodeBlock before = w.readSql("SLICE_BEFORE", Dml::sliceBefore,
        "{@link #sliceBefore}: seeks back from the cursor, the row at the cursor first, nearest first.");
    CodeBlock beforeTo = w.readSql("SLICE_BEFORE_INCLUSIVE", Dml::sliceBeforeInclusive,
        "{@link #sliceBefore} from a cursor that includes its row (the other side of an empty slice); the last column says\n"
            + "whether rows lie after.");
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
        .addCode("return $T.run(this.db, $S, FIRST_SLICE, c -> $T.first(\n$>$>$T.query(c, $L, ps -> ps.setInt(1, size + 1), $L),\n"
            + "size, $T::cursor));\n$<$<", JDBC, w.methodName("firstSlice"), SLICES, JDBC, first, w.mapper(), w.dao)
        .build());
    w.type.addMethod(seekMethod("sliceAfter", "after", new Seek("SLICE_AFTER", after, afterFrom, before,
        "forward", k.descending()), "The {@code size} rows after {@code after} in keyset order ($L).", order));
    w.type.addMethod(seekMethod("sliceBefore", "before", new Seek("SLICE_BEFORE", before, beforeTo, after,
        "backward", !k.descending()), "The {@code size} rows before {@code before}, listed in the same order as other slices ($L).", order));
    cursorOf(k);
    if (cut(k)) {
      boundary(k);
    }
  }

  /**
   * One direction's statements: the seek from the position and its twin with the probe of the
   * other side, the other direction's seek from the position (which tells, read for one row,
   * whether rows lie on the other side when nothing else can); and whether the seek compares
   * with {@code <}.
   */
  private record Seek(String constant, CodeBlock sql, CodeBlock inclusiveSql, CodeBlock reverseSql,
      String direction, boolean lessThan) {}

  /** Whether a cursor of this list can have values cut to fit (text or bytes in the sort key). */
  private static boolean cut(KeysetModel k) {
    return k.columns().stream().anyMatch(c -> c.kind() == ColumnKind.STRING || c.kind() == ColumnKind.BYTES);
  }

  /**
   * A seek from a cursor: decode the key values (refusing a foreign or altered cursor; resolving
   * one whose long values were cut through its row), run the seek, and ask once whether rows lie
   * on the other side, of the first row read or, when none is, of the position itself.
   */
  private MethodSpec seekMethod(String method, String param, Seek seek, String doc, String order) {
    KeysetModel k = table.keyset().orElseThrow();
    MethodSpec.Builder m = MethodSpec.methodBuilder(method)
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc(doc + "\n\n<p>Runs {@link #$L}: one index seek, from the row at the cursor, which also tells that rows lie\n"
            + "on the other side. Only when that row is gone is one more row read, the other way. An empty slice still\n"
            + "describes its position: the cursor on the side where rows lie is present.\n\n"
            + "@throws $T when the cursor is malformed, altered, or from another list\n"
            + "@throws IllegalArgumentException when {@code size} is outside 1..1000\n", order, seek.constant(), INVALID)
        .addParameter(CURSOR, param)
        .addParameter(int.class, "size")
        .returns(DaoWriter.parameterized(SLICE, w.record))
        .addCode("$T.checkSize(size);\n", PAGE)
        .addCode("$T.Reader key = $T.reader($T.requireNonNull($N, $S), KEYSET, $L);\n", CODEC, CODEC, Objects.class, param,
            param, seek.lessThan());
    List<ColumnModel> columns = k.columns();
    boolean cut = cut(k);
    String read = cut ? "r" : "k";
    for (int i = 0; i < columns.size(); i++) {
      ColumnModel c = columns.get(i);
      m.addCode("$T $L$L = key.$L;\n", Bindings.type(c), read, i, readCall(c));
    }
    if (cut) {
      for (int i = 0; i < table.key().size(); i++) {
        ColumnModel c = table.key().get(i);
        m.addCode("$T b$L = key.beyond() ? key.$L : null;\n", Bindings.type(c).box(), i, readCall(c));
      }
    }
    m.addCode("key.end();\n");
    if (cut) {
      CodeBlock.Builder own = CodeBlock.builder();
      CodeBlock.Builder next = CodeBlock.builder();
      for (int i = 0; i < table.key().size(); i++) {
        own.add(i == 0 ? "r$L" : ", r$L", columns.indexOf(table.key().get(i)));
        next.add(i == 0 ? "b$L" : ", b$L", i);
      }
      m.addComment("a cursor whose long values were cut seeks from its row, found by primary key while it holds the");
      m.addComment("same key, else from the row that was beyond it, else from the prefixes it holds");
      m.addCode("$T<$T> at = key.truncated() ? row($L).filter(row -> $T.sameKey(cursor(row, null), $N)) : $T.empty();\n",
          java.util.Optional.class, w.record, own.build(), CODEC, param, java.util.Optional.class);
      m.addCode("$T<$T> beyond = at.isEmpty() && key.beyond() ? row($L) : $T.empty();\n",
          java.util.Optional.class, w.record, next.build(), java.util.Optional.class);
      m.addCode("$T<$T> from = at.isPresent() ? at : beyond;\n", java.util.Optional.class, w.record);
      for (int i = 0; i < columns.size(); i++) {
        ColumnModel c = columns.get(i);
        m.addCode("$T k$L = from.isPresent() ? from.get().$N() : r$L;\n", Bindings.type(c), i, c.name(), i);
      }
      m.addCode("boolean inclusive = beyond.isPresent() || key.inclusive();\n");
    } else {
      m.addCode("boolean inclusive = key.inclusive();\n");
    }
    int n = columns.size();
    CodeBlock.Builder binds = CodeBlock.builder();
    CodeBlock.Builder atPosition = CodeBlock.builder();
    for (int i = 0; i < n; i++) {
      binds.add("$L;\n", Bindings.bind(columns.get(i), "ps", i + 1, CodeBlock.of("k$L", i)));
      atPosition.add(i == 0 ? "$T.deepEquals(row.$N(), k$L)" : " && $T.deepEquals(row.$N(), k$L)",
          Objects.class, columns.get(i).name(), i);
    }
    CodeBlock.Builder twice = CodeBlock.builder().add("position.bind(ps);\n");
    for (int i = 0; i < n; i++) {
      twice.add("$L;\n", Bindings.bind(columns.get(i), "ps", n + i + 1, CodeBlock.of("k$L", i)));
    }
    m.addCode("$T position = ps -> {\n$>$L$<};\n", BINDER, binds.build());
    m.addComment("rows lie on the other side when the row at the cursor is still there (it comes first, and is dropped);");
    m.addComment("a cursor that includes its row asks in a last column of its seek; when neither can tell, ask for one row");
    return m.addCode("return $T.run(this.db, $S, $L, c -> {\n$>", JDBC, w.methodName(method), seek.constant())
        .addCode("$T.Around otherSide = () -> $T.any(c, $L, ps -> {\n$>position.bind(ps);\nps.setInt($L, 1);\n$<});\n",
            SLICES, SLICES, seek.reverseSql(), n + 1)
        .addCode("$T.Seek<$T> read = inclusive\n$>$>? $T.seek(c, $L, ps -> {\n$>$Lps.setInt($L, size + 1);\n$<}, $L)\n"
            + ": $T.pastPosition($T.query(c, $L, ps -> {\n$>position.bind(ps);\nps.setInt($L, size + 2);\n$<}, $L),\n"
            + "row -> $L, otherSide);\n$<$<",
            SLICES, w.record, SLICES, seek.inclusiveSql(), twice.build(), 2 * n + 1, w.mapper(),
            SLICES, JDBC, seek.sql(), n + 1, w.mapper(), atPosition.build())
        .addCode("return $T.$L(read, size, $T::cursor, $N, inclusive ? otherSide : read::otherSide);\n$<});\n",
            SLICES, seek.direction(), w.dao, param)
        .build();
  }

  /**
   * {@code cursor(row, beyond)}: the row's key values, signed and bound to {@link #KEYSET}; for a
   * list whose values may be cut, the primary key of the row beyond too.
   */
  private void cursorOf(KeysetModel k) {
    CodeBlock.Builder chain = CodeBlock.builder().add("$T.Writer key = $T.writer(KEYSET)", CODEC, CODEC);
    for (ColumnModel c : k.columns()) {
      chain.add("\n$>$>.$L(row.$N())$<$<", c.kind().wire(), c.name());
    }
    chain.add(";\n");
    if (cut(k)) {
      chain.add("if (beyond != null) {\n$>key.beyond()");
      for (ColumnModel c : table.key()) {
        chain.add(".$L(beyond.$N())", c.kind().wire(), c.name());
      }
      chain.add(";\n$<}\n");
    }
    w.type.addMethod(MethodSpec.methodBuilder("cursor")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("The cursor at {@code row}'s position in {@link #KEYSET}; {@code beyond} is the row just past it on the\n"
            + "side the cursor leads to, or {@code null}.\n")
        .addParameter(w.record, "row")
        .addParameter(w.record, "beyond")
        .returns(CURSOR)
        .addCode(chain.add("return key.build();\n").build())
        .build());
  }

  /** {@code row(id)}: a row by primary key, deleted rows too, for resolving a cursor whose values were cut. */
  private void boundary(KeysetModel k) {
    MethodSpec.Builder m = MethodSpec.methodBuilder("row")
        .addModifiers(Modifier.PRIVATE)
        .addJavadoc("The row with this primary key, deleted rows too: where a cursor cut to stay short seeks from.\n")
        .returns(DaoWriter.parameterized(java.util.Optional.class, w.record));
    CodeBlock.Builder binds = CodeBlock.builder();
    for (int i = 0; i < table.key().size(); i++) {
      ColumnModel key = table.key().get(i);
      m.addParameter(Bindings.type(key), "key" + i);
      binds.add("$L;\n", Bindings.bind(key, "ps", i + 1, CodeBlock.of("key$L", i)));
    }
    String find = table.softDelete().isPresent() ? "FIND_BY_ID_INCLUDING_DELETED" : "FIND_BY_ID";
    w.type.addMethod(m.addCode("return $T.one(this.db, $S, $N, ps -> {\n$>$L$<}, $L);\n",
            JDBC, w.methodName("sliceAfter"), find, binds.build(), w.mapper())
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
