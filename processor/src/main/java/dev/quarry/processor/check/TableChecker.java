package dev.quarry.processor.check;

import dev.quarry.processor.model.CheckModel;
import dev.quarry.processor.model.ColumnKind;
import dev.quarry.processor.model.ColumnModel;
import dev.quarry.processor.model.ForeignKeyModel;
import dev.quarry.processor.model.FullTextModel;
import dev.quarry.processor.model.KeysetModel;
import dev.quarry.processor.model.IndexModel;
import dev.quarry.processor.model.TableModel;
import dev.quarry.processor.model.UniqueKeyModel;
import dev.quarry.processor.read.Annotations;
import dev.quarry.processor.sql.Expressions;
import dev.quarry.processor.sql.Identifiers;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationValue;

/** The rules a built {@link TableModel} must satisfy before any code is generated for it. */
public final class TableChecker {
  private final Diagnostics diagnostics;

  public TableChecker(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** Reports every broken rule; returns whether the model is clean. */
  public boolean check(TableModel table) {
    int before = diagnostics.errorCount();
    if (table.key().isEmpty()) {
      diagnostics.error(table.element(), Messages.missingId(table.element().getSimpleName().toString()));
    }
    checkColumns(table);
    new AnnotationTextChecker(diagnostics).check(table);
    checkKeyTypes(table);
    checkIndexes(table);
    table.keyset().ifPresent(k -> checkKeyset(table, k));
    table.fullText().ifPresent(f -> checkFullText(table, f));
    table.partitioning().ifPresent(p -> new PartitionChecker(diagnostics).check(table, p));
    table.distribution().ifPresent(d -> new CitusChecker(diagnostics).check(table, d));
    checkChecks(table);
    checkForeignKeys(table);
    checkNames(table);
    checkMethods(table);
    return diagnostics.errorCount() == before;
  }

  private void checkColumns(TableModel table) {
    Map<String, ColumnModel> byColumn = new HashMap<>();
    ColumnModel version = null;
    for (ColumnModel c : table.columns()) {
      ColumnModel other = byColumn.putIfAbsent(c.column(), c);
      if (other != null) {
        diagnostics.error(c.element(), Messages.duplicateColumn(c.column(), c.name(), other.name()));
      }
      if (!Identifiers.fits(c.column())) {
        diagnostics.error(c.element(), Messages.nameTooLong(c.column(), "@Column(\"...\") on '" + c.name() + "'"));
      }
      if (c.identity() && !(c.id() && c.kind() == ColumnKind.LONG && !c.primitive())) {
        diagnostics.error(c.element(), Messages.identityType(c.name(), c.type().toString(), c.id(), c.kind(), c.primitive()));
      }
      if (c.version()) {
        if (!(c.primitive() && (c.kind() == ColumnKind.LONG || c.kind() == ColumnKind.INT))) {
          diagnostics.error(c.element(), Messages.versionType(c.name(), c.type().toString()));
        } else if (c.id()) {
          diagnostics.error(c.element(), Messages.versionOnId(c.name()));
        } else if (version != null) {
          diagnostics.error(c.element(), Messages.versionTwice(c.name(), version.name()));
        }
        version = version == null ? c : version;
      }
    }
  }

  /**
   * Keys are compared, de-duplicated and looked up by value, in SQL and in Java: arrays and JSON
   * documents cannot serve (a Java array's {@code equals} is identity, and bulk upserts
   * de-duplicate with it).
   */
  private void checkKeyTypes(TableModel table) {
    for (ColumnModel c : table.columns()) {
      if (c.kind().isScalar()) {
        continue;
      }
      if (c.id()) {
        diagnostics.error(c.element(), Messages.keyType("@Id", c.name(), c.type().toString()));
      }
      if (c.identity() || c.version()) {
        continue; // reported by checkColumns
      }
      table.foreignKeys().stream().filter(fk -> fk.column() == c).findFirst().ifPresent(fk ->
          diagnostics.error(c.element(), Messages.keyType("@ForeignKey", c.name(), c.type().toString())));
    }
    for (UniqueKeyModel key : table.uniqueKeys()) {
      key.columns().stream().filter(c -> !c.kind().isScalar()).forEach(c ->
          diagnostics.error(key.element(), key.mirror(), Messages.keyType("a unique key", c.name(), c.type().toString())));
    }
    table.keyset().ifPresent(k -> k.columns().stream().filter(c -> !c.kind().isScalar()).forEach(c ->
        diagnostics.error(table.element(), k.mirror(), Messages.keyType("@KeysetPaged", c.name(), c.type().toString()))));
  }

  /** Only B-tree indexes are unique or ordered; GIN needs values it can take apart (arrays, jsonb). */
  private void checkIndexes(TableModel table) {
    for (IndexModel index : table.indexes()) {
      String method = index.using();
      if (!METHODS.contains(method)) {
        diagnostics.error(index.element(), index.mirror(), Messages.indexMethodUnknown(method, METHODS));
      } else if (!method.equals("btree") && index.unique()) {
        diagnostics.error(index.element(), index.mirror(), Messages.indexMethodNotUnique(method));
      } else if (!method.equals("btree") && index.columns().stream().anyMatch(IndexModel.Part::descending)) {
        diagnostics.error(index.element(), index.mirror(), Messages.indexMethodUnordered(method));
      } else if (method.equals("gin")) {
        index.columns().stream().map(IndexModel.Part::column).filter(c -> c.kind().isScalar()).findFirst()
            .ifPresent(c -> diagnostics.error(index.element(), index.mirror(),
                Messages.ginScalar(c.name(), c.type().toString())));
      }
    }
  }

  private static final List<String> METHODS = List.of("btree", "hash", "gist", "spgist", "gin", "brin");

  /**
   * A keyset order must be total, or rows that tie are skipped or repeated between slices: it
   * ends with the whole primary key. NULLs sort outside any row-value comparison, so no column
   * may be nullable.
   */
  private void checkKeyset(TableModel table, KeysetModel keyset) {
    List<ColumnModel> columns = keyset.columns();
    List<ColumnModel> key = table.key();
    if (key.isEmpty()) {
      return;
    }
    boolean total = columns.size() >= key.size() && columns.subList(columns.size() - key.size(), columns.size()).equals(key);
    if (!total) {
      diagnostics.error(table.element(), keyset.mirror(), Messages.keysetNotTotal(
          columns.stream().map(ColumnModel::name).toList(), key.stream().map(ColumnModel::name).toList()));
    }
    for (ColumnModel c : columns) {
      if (c.nullable()) {
        boolean softDelete = table.softDelete().map(d -> d.name().equals(c.name())).orElse(false);
        diagnostics.error(table.element(), keyset.mirror(), Messages.keysetNullable(c.name(), primitiveOf(c.kind()), softDelete));
      }
    }
  }

  /** The primitive that makes a column of this kind NOT NULL, or null when the kind has none. */
  private static String primitiveOf(ColumnKind kind) {
    return switch (kind) {
      case BOOLEAN -> "boolean";
      case SHORT -> "short";
      case INT -> "int";
      case LONG -> "long";
      case FLOAT -> "float";
      case DOUBLE -> "double";
      default -> null;
    };
  }

  private void checkFullText(TableModel table, FullTextModel fullText) {
    for (ColumnModel c : fullText.columns()) {
      if (c.kind() != ColumnKind.STRING) {
        diagnostics.error(table.element(), fullText.mirror(), Messages.fullTextType(c.name(), c.type().toString()));
      }
    }
    if (!fullText.language().matches("[a-z_]+")) {
      diagnostics.error(table.element(), fullText.mirror(), Messages.fullTextLanguage(fullText.language()));
    }
    for (ColumnModel c : table.columns()) {
      if (c.column().equals(fullText.vectorColumn())) {
        diagnostics.error(c.element(), Messages.duplicateColumn(c.column(), c.name(), "@FullText"));
      }
    }
  }

  /**
   * A {@code @Check} value is SQL placed inside {@code CHECK (...)}: text that could end the
   * statement or escape the parentheses would change what the DDL does, so it must be one
   * expression. PostgreSQL judges the expression itself when the DDL runs.
   */
  private void checkChecks(TableModel table) {
    for (CheckModel check : table.checks()) {
      Expressions.problem(check.expression()).ifPresent(f -> {
        String where = check.column().map(c -> "@Check on '" + c.name() + "'")
            .orElse("@Check on the record '" + table.element().getSimpleName() + "'");
        diagnostics.error(check.element(), check.mirror(), Annotations.explicitValue(check.mirror(), "value"),
            Messages.checkExpression(where, check.expression(), f.problem(), f.offset()));
      });
    }
  }

  /**
   * PostgreSQL can reference a partitioned table only through a unique key that includes the
   * partition key, and cannot detach a partition whose rows are still referenced.
   */
  private void checkForeignKeys(TableModel table) {
    for (ForeignKeyModel fk : table.foreignKeys()) {
      ForeignKeyModel.Target target = fk.target();
      target.partitionKey().filter(p -> !p.equals(target.keyComponent())).ifPresent(p ->
          diagnostics.error(fk.column().element(), Messages.foreignKeyPartitionKey(fk.column().name(),
              fk.targetRecord(), target.keyComponent(), p)));
      if (target.partitionKey().isPresent() && target.retain() > 0) {
        diagnostics.warning(fk.column().element(), null,
            Messages.foreignKeyToRetained(fk.column().name(), fk.targetRecord(), target.retain()));
      }
    }
  }

  /** Table and explicit names must fit; derived names were shortened, but may still collide. */
  private void checkNames(TableModel table) {
    if (!Identifiers.fits(table.table())) {
      diagnostics.error(table.element(), Messages.nameTooLong(table.table(), "@Table(\"...\")"));
    }
    Set<String> names = new HashSet<>();
    names.add(table.primaryKeyName());
    for (UniqueKeyModel key : table.uniqueKeys()) {
      if (!names.add(key.indexName())) {
        diagnostics.error(key.element(), key.mirror(), Messages.duplicateName(key.indexName(), "index"));
      }
    }
    for (IndexModel index : table.indexes()) {
      if (!Identifiers.fits(index.name())) {
        diagnostics.error(index.element(), index.mirror(), Messages.nameTooLong(index.name(), "@Index(..., name = \"...\")"));
      } else if (!names.add(index.name())) {
        diagnostics.error(index.element(), index.mirror(), Messages.duplicateName(index.name(), "index"));
      }
    }
    for (ForeignKeyModel fk : table.foreignKeys()) {
      if (!names.add(fk.constraintName())) {
        diagnostics.error(fk.column().element(), Messages.duplicateName(fk.constraintName(), "constraint"));
      }
    }
    for (CheckModel check : table.checks()) {
      AnnotationValue name = Annotations.explicitValue(check.mirror(), "name");
      if (!Identifiers.fits(check.name())) {
        diagnostics.error(check.element(), check.mirror(), name, Messages.nameTooLong(check.name(), "@Check(name = \"...\")"));
      } else if (!names.add(check.name())) {
        diagnostics.error(check.element(), check.mirror(), name, Messages.duplicateName(check.name(), "constraint"));
      }
    }
  }

  /**
   * Two unique keys over the same columns would generate the same DAO methods twice. (A foreign
   * key that is also a unique key is a one-to-one relation: the unique finder serves it.)
   */
  private void checkMethods(TableModel table) {
    Set<String> methods = new HashSet<>();
    for (UniqueKeyModel key : table.uniqueKeys()) {
      if (!methods.add("findBy" + key.suffix())) {
        diagnostics.error(key.element(), key.mirror(), Messages.duplicateMethod("findBy" + key.suffix()));
      }
    }
  }
}
