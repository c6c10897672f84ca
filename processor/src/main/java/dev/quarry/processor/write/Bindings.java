package dev.quarry.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.quarry.processor.model.ArrayModel;
import dev.quarry.processor.model.ColumnKind;
import dev.quarry.processor.model.ColumnModel;
import java.util.EnumSet;
import java.util.Set;
import dev.quarry.processor.sql.Arrays;
import dev.quarry.processor.sql.SqlTypes;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.TypeMirror;

/**
 * The statement that binds one column's value, and the expression that reads it back, chosen
 * at compile time from the column's kind: primitives go straight to JDBC, the rest through the
 * runtime's null-aware {@code Binds}/{@code Reads}.
 */
final class Bindings {
  static final ClassName BINDS = ClassName.get("dev.quarry.runtime.internal", "Binds");
  static final ClassName READS = ClassName.get("dev.quarry.runtime.internal", "Reads");
  static final ClassName ARRAY_VALUES = ClassName.get("dev.quarry.runtime.internal", "ArrayValues");

  private Bindings() {}

  /**
   * Kinds whose values PostgreSQL may refuse (out of range, NUL in text): their binders and
   * encoders take the component's name, so the {@code IllegalArgumentException} names it.
   */
  private static final Set<ColumnKind> CHECKED = EnumSet.of(ColumnKind.STRING, ColumnKind.BIG_DECIMAL,
      ColumnKind.INSTANT, ColumnKind.OFFSET_DATE_TIME, ColumnKind.LOCAL_DATE_TIME, ColumnKind.LOCAL_DATE,
      ColumnKind.DURATION);

  /**
   * {@link #bind} of a value written to the column: a {@code varchar(n)} value's length is
   * checked too ({@code Binds.setString(ps, 2, row.code(), "Owner.code", 8)}). Lookups use
   * {@link #bind}: a too long key finds nothing, as PostgreSQL says.
   */
  static CodeBlock bindWritten(ColumnModel c, String ps, Object index, CodeBlock value) {
    return bind(c, ps, index, value, length(c));
  }

  /** {@code ps.setLong(1, row.id())} or {@code Binds.setString(ps, 2, row.title(), "Owner.title")} */
  static CodeBlock bind(ColumnModel c, String ps, Object index, CodeBlock value) {
    return bind(c, ps, index, value, "");
  }

  /** {@code length} is {@code ""} or the {@code ", 8"} of {@link #length}. */
  private static CodeBlock bind(ColumnModel c, String ps, Object index, CodeBlock value, String length) {
    if (c.primitive()) {
      return CodeBlock.of("$L.set$L($L, $L)", ps, jdbcName(c.kind()), index, value);
    }
    if (c.kind() == ColumnKind.JSON) {
      // SQL NULL for null (pgjdbc binds a null string as NULL); the placeholder casts to jsonb.
      return CodeBlock.of("$L.setString($L, $L)", ps, index, DaoWriter.document(c, value));
    }
    if (c.kind() == ColumnKind.ARRAY) {
      return CodeBlock.of("$T.setList($L, $L, $S, $L, $S$L)", BINDS, ps, index, Arrays.elementType(c), list(c, value),
          label(c), length);
    }
    if (CHECKED.contains(c.kind())) {
      return CodeBlock.of("$T.set$L($L, $L, $L, $S$L)", BINDS, c.kind().accessor(), ps, index, value, label(c), length);
    }
    return CodeBlock.of("$T.set$L($L, $L, $L)", BINDS, c.kind().accessor(), ps, index, value);
  }

  /** {@code out.text(row.title(), "Owner.title")}: one value of a binary COPY row. */
  static CodeBlock encode(ColumnModel c, String out, String encoder, CodeBlock value) {
    if (CHECKED.contains(c.kind())) {
      return CodeBlock.of("$L.$L($L, $S$L)", out, encoder, value, label(c), encoder.equals("text") ? length(c) : "");
    }
    return CodeBlock.of("$L.$L($L)", out, encoder, value);
  }

  /** {@code (o, v) -> o.text(v, "Post.tags")}: one element of an array column in binary COPY. */
  static CodeBlock elementEncoder(ColumnModel c, String encoder) {
    if (CHECKED.contains(c.valueKind())) {
      return CodeBlock.of("(o, v) -> o.$L(v, $S$L)", encoder, label(c), encoder.equals("text") ? length(c) : "");
    }
    return CodeBlock.of("(o, v) -> o.$L(v)", encoder);
  }

  /**
   * How failures name a value: {@code Owner.title} for a record component, {@code rename.title}
   * for a method parameter.
   */
  static String label(ColumnModel c) {
    if (c.element().getKind() == ElementKind.METHOD) {
      // the single column of a scalar @Sql result: the method's value, "ArticleQueries.countAll()"
      return c.element().getEnclosingElement().getSimpleName() + "." + c.element().getSimpleName() + "()";
    }
    return c.element().getEnclosingElement().getSimpleName() + "." + c.name();
  }

  /** {@code Reads.longValue(rs, 1, "Tick.id")}, {@code Reads.getString(rs, 2)} or {@code Reads.getEnum(rs, 3, Kind::valueOf)} */
  static CodeBlock read(ColumnModel c, String rs, int index) {
    return readAt(c, rs, index);
  }

  /** {@link #read} with the column index given as an expression, such as {@code rs.findColumn("id")}. */
  static CodeBlock readAt(ColumnModel c, String rs, Object index) {
    if (c.primitive()) {
      // a NULL is refused, never read as 0: Reads.longValue(rs, 1, "Tick.id")
      return CodeBlock.of("$T.$LValue($L, $L, $S)", READS, type(c), rs, index, label(c));
    }
    if (c.kind() == ColumnKind.ARRAY) {
      return readArray(c, rs, index);
    }
    return readScalar(c.kind(), c.type(), rs, index);
  }

  private static CodeBlock readScalar(ColumnKind kind, TypeMirror type, String rs, Object index) {
    if (kind == ColumnKind.ENUM) {
      return CodeBlock.of("$T.getEnum($L, $L, $T::valueOf)", READS, rs, index, TypeName.get(type).withoutAnnotations());
    }
    return CodeBlock.of("$T.get$L($L, $L)", READS, kind.accessor(), rs, index);
  }

  /**
   * {@code Reads.getList(rs, 3, e -> Reads.getString(e, 2), false)}, turned into the component's
   * Java array type when it is one: each element is read as a scalar column of its type.
   */
  private static CodeBlock readArray(ColumnModel c, String rs, Object index) {
    ArrayModel a = c.array().orElseThrow();
    CodeBlock list = CodeBlock.of("$T.getList($L, $L, e -> $L, $L)", READS, rs, index,
        readScalar(a.kind(), a.type(), "e", 2), a.nullable());
    if (a.list()) {
      return list;
    }
    if (a.primitive()) {
      return CodeBlock.of("$T.to$LArray($L)", ARRAY_VALUES, TypeName.get(a.type()).box().withoutAnnotations()
          .toString().replace("java.lang.", "").replace("Integer", "Int").replace("Character", "Char"), list);
    }
    return CodeBlock.of("$T.toArray($L, $T[]::new)", ARRAY_VALUES, list, TypeName.get(a.type()).withoutAnnotations());
  }

  /**
   * An array component's value as the {@code List} every write path encodes: a Java array
   * wrapped, and null elements refused when the element type is not {@code @Nullable}.
   */
  static CodeBlock list(ColumnModel c, CodeBlock value) {
    ArrayModel a = c.array().orElseThrow();
    CodeBlock list = a.list() ? value : CodeBlock.of("$T.of($L)", ARRAY_VALUES, value);
    return a.nullable() || a.primitive() ? list : CodeBlock.of("$T.noNulls($L, $S)", ARRAY_VALUES, list, label(c));
  }

  /** {@code Binds.setArray(ps, 1, "int8", ids, "Owner.id")} for {@code = ANY(?)} and {@code unnest}. */
  static CodeBlock bindArray(ColumnModel c, String ps, int index, Object values) {
    return array(c, ps, index, values, "");
  }

  /** {@link #bindArray} of values to be written to the column, {@code varchar(n)}'s length checked. */
  static CodeBlock bindColumnValues(ColumnModel c, String ps, int index, Object values) {
    return array(c, ps, index, values, c.kind() == ColumnKind.STRING ? length(c) : "");
  }

  private static CodeBlock array(ColumnModel c, String ps, int index, Object values, String length) {
    return CodeBlock.of("$T.setArray($L, $L, $S, $L, $S$L)", BINDS, ps, index, Arrays.unnestType(c), values, label(c),
        length);
  }

  /**
   * The {@code n} of a string column (or of the elements of an array column) declared
   * {@code varchar(n)}, else -1: PostgreSQL cuts excess spaces there instead of refusing them,
   * so what is written is checked in Java.
   */
  static int varcharLength(ColumnModel c) {
    return c.valueKind() == ColumnKind.STRING ? SqlTypes.varcharLength(c.sqlType()) : -1;
  }

  /** {@code ", 8"}, the extra argument of a binder or encoder for a {@code varchar(8)} column; else nothing. */
  private static String length(ColumnModel c) {
    int length = varcharLength(c);
    return length < 0 ? "" : ", " + length;
  }

  /** The Java type of a column's values, boxed, without type annotations. */
  static TypeName boxed(ColumnModel c) {
    return TypeName.get(c.type()).withoutAnnotations().box();
  }

  /** The Java type of a column's values as declared, without type annotations. */
  static TypeName type(ColumnModel c) {
    return TypeName.get(c.type()).withoutAnnotations();
  }

  private static String jdbcName(ColumnKind kind) {
    return kind == ColumnKind.INT ? "Int" : kind.accessor();
  }
}
