package dev.quarry.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.quarry.processor.model.ColumnKind;
import dev.quarry.processor.model.ColumnModel;
import java.util.EnumSet;
import java.util.Set;

/**
 * The statement that binds one column's value, and the expression that reads it back, chosen
 * at compile time from the column's kind: primitives go straight to JDBC, the rest through the
 * runtime's null-aware {@code Binds}/{@code Reads}.
 */
final class Bindings {
  static final ClassName BINDS = ClassName.get("dev.quarry.runtime.internal", "Binds");
  static final ClassName READS = ClassName.get("dev.quarry.runtime.internal", "Reads");

  private Bindings() {}

  /**
   * Kinds whose values PostgreSQL may refuse (out of range, NUL in text): their binders and
   * encoders take the component's name, so the {@code IllegalArgumentException} names it.
   */
  private static final Set<ColumnKind> CHECKED = EnumSet.of(ColumnKind.STRING, ColumnKind.BIG_DECIMAL,
      ColumnKind.INSTANT, ColumnKind.OFFSET_DATE_TIME, ColumnKind.LOCAL_DATE_TIME, ColumnKind.LOCAL_DATE,
      ColumnKind.DURATION);

  /** {@code ps.setLong(1, row.id())} or {@code Binds.setString(ps, 2, row.title(), "Owner.title")} */
  static CodeBlock bind(ColumnModel c, String ps, Object index, CodeBlock value) {
    if (c.primitive()) {
      return CodeBlock.of("$L.set$L($L, $L)", ps, jdbcName(c.kind()), index, value);
    }
    if (CHECKED.contains(c.kind())) {
      return CodeBlock.of("$T.set$L($L, $L, $L, $S)", BINDS, c.kind().accessor(), ps, index, value, label(c));
    }
    return CodeBlock.of("$T.set$L($L, $L, $L)", BINDS, c.kind().accessor(), ps, index, value);
  }

  /** {@code out.text(row.title(), "Owner.title")}: one value of a binary COPY row. */
  static CodeBlock encode(ColumnModel c, String out, String encoder, CodeBlock value) {
    if (CHECKED.contains(c.kind())) {
      return CodeBlock.of("$L.$L($L, $S)", out, encoder, value, label(c));
    }
    return CodeBlock.of("$L.$L($L)", out, encoder, value);
  }

  /**
   * How failures name a value: {@code Owner.title} for a record component, {@code rename.title}
   * for a method parameter.
   */
  static String label(ColumnModel c) {
    return c.element().getEnclosingElement().getSimpleName() + "." + c.name();
  }

  /** {@code rs.getLong(1)}, {@code Reads.getString(rs, 2)} or {@code Reads.getEnum(rs, 3, Kind::valueOf)} */
  static CodeBlock read(ColumnModel c, String rs, int index) {
    return readAt(c, rs, index);
  }

  /** {@link #read} with the column index given as an expression, such as {@code rs.findColumn("id")}. */
  static CodeBlock readAt(ColumnModel c, String rs, Object index) {
    if (c.primitive()) {
      return CodeBlock.of("$L.get$L($L)", rs, jdbcName(c.kind()), index);
    }
    if (c.kind() == ColumnKind.ENUM) {
      return CodeBlock.of("$T.getEnum($L, $L, $T::valueOf)", READS, rs, index, TypeName.get(c.type()).withoutAnnotations());
    }
    return CodeBlock.of("$T.get$L($L, $L)", READS, c.kind().accessor(), rs, index);
  }

  /** {@code Binds.setArray(ps, 1, "int8", ids, "Owner.id")} for {@code = ANY(?)} and {@code unnest}. */
  static CodeBlock bindArray(ColumnModel c, String ps, int index, Object values) {
    return CodeBlock.of("$T.setArray($L, $L, $S, $L, $S)", BINDS, ps, index,
        dev.quarry.processor.sql.Arrays.elementType(c), values, label(c));
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
