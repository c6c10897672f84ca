package dev.quarry.processor.check;

import dev.quarry.processor.model.ColumnKind;
import dev.quarry.processor.model.ColumnModel;
import dev.quarry.processor.model.IndexModel;
import dev.quarry.processor.model.TableModel;
import dev.quarry.processor.sql.SqlText;
import dev.quarry.processor.sql.SqlTypes;
import java.util.Map;
import java.util.Set;

/**
 * Annotation strings that end up in SQL or DDL as text, not as quoted names or bound values:
 * each is checked for what it may be before anything is generated, so no annotation can end a
 * statement and start another ({@code @Column(type = "text); DROP TABLE victim; ...")}).
 * Names are quoted by {@code sql/Identifiers} and may hold any character but NUL.
 */
final class AnnotationTextChecker {
  /** The SQL types each time kind may be declared as: those that keep its meaning. */
  private static final Map<ColumnKind, Set<String>> TIME_TYPES = Map.of(
      ColumnKind.INSTANT, Set.of("timestamptz", "timestamp with time zone"),
      ColumnKind.OFFSET_DATE_TIME, Set.of("timestamptz", "timestamp with time zone"),
      ColumnKind.LOCAL_DATE_TIME, Set.of("timestamp", "timestamp without time zone"),
      ColumnKind.LOCAL_DATE, Set.of("date"),
      ColumnKind.LOCAL_TIME, Set.of("time", "time without time zone"));

  private final Diagnostics diagnostics;

  AnnotationTextChecker(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  void check(TableModel table) {
    if (table.table().indexOf('\0') >= 0) {
      diagnostics.error(table.element(), Messages.nulInName("@Table", table.table()));
    }
    for (ColumnModel c : table.columns()) {
      if (c.column().indexOf('\0') >= 0) {
        diagnostics.error(c.element(), Messages.nulInName("@Column", c.column()));
      }
      if (c.castOnBind()) {
        checkType(c);
      }
    }
    for (IndexModel index : table.indexes()) {
      if (index.name().indexOf('\0') >= 0) {
        diagnostics.error(index.element(), index.mirror(), Messages.nulInName("@Index(name)", index.name()));
      }
      if (!index.where().isEmpty()) {
        SqlText.problemInExpression(index.where()).ifPresent(problem ->
            diagnostics.error(index.element(), index.mirror(), Messages.indexWhere(index.where(), problem)));
      }
    }
  }

  /**
   * A type is a type name with optional modifiers and array brackets; a time kind keeps its
   * meaning only in its own type: an {@code Instant} in a {@code timestamp} column would be
   * converted through the session's time zone on some paths and not on others.
   */
  private void checkType(ColumnModel c) {
    if (!SqlTypes.isTypeName(c.sqlType())) {
      diagnostics.error(c.element(), Messages.columnType(c.name(), c.sqlType()));
      return;
    }
    Set<String> allowed = TIME_TYPES.get(c.kind());
    if (allowed != null && !allowed.contains(SqlTypes.baseType(c.sqlType()))) {
      diagnostics.error(c.element(), Messages.timeColumnType(c.name(), simpleType(c), c.sqlType(),
          c.kind().sqlType()));
    }
  }

  private static String simpleType(ColumnModel c) {
    String type = c.type().toString();
    return type.substring(type.lastIndexOf('.') + 1);
  }
}
