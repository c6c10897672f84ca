package dev.quarry.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.quarry.processor.model.CheckModel;
import dev.quarry.processor.model.ColumnModel;
import dev.quarry.processor.model.ForeignKeyModel;
import dev.quarry.processor.model.TableModel;
import dev.quarry.processor.sql.Ddl;
import dev.quarry.processor.sql.IndexSql;
import dev.quarry.processor.sql.Partitions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Renders {@code XSchema}:
 *
 * <pre>{@code
 * public final class AccountSchema {
 *   public static final String TABLE = "accounts";
 *   private static final List<String> STATEMENTS = List.of("CREATE TABLE IF NOT EXISTS ...", ...);
 *   public static List<String> statements() { return STATEMENTS; }
 * }
 * }</pre>
 */
public final class SchemaWriter {
  private static final ClassName SCHEMA = ClassName.get("dev.quarry.runtime", "Schema");
  private static final ClassName DEFINITION = ClassName.get("dev.quarry.runtime", "TableDefinition");
  private static final ClassName COLUMN = DEFINITION.nestedClass("Column");
  private static final ClassName INDEX = DEFINITION.nestedClass("Index");
  private static final ClassName FOREIGN_KEY = DEFINITION.nestedClass("ForeignKey");
  private static final ClassName CHECK = DEFINITION.nestedClass("Check");
  private static final ClassName PARTITIONING = DEFINITION.nestedClass("Partitioning");

  private SchemaWriter() {}

  public static TypeSpec render(TableModel table) {
    List<String> statements = Ddl.statements(table);
    CodeBlock.Builder list = CodeBlock.builder().add("$T.of(\n$>$>", List.class);
    for (int i = 0; i < statements.size(); i++) {
      list.add("$S$L", statements.get(i), i + 1 < statements.size() ? ",\n" : "");
    }
    list.add(")$<$<");
    TypeSpec.Builder type = TypeSpec.classBuilder(table.schemaName())
        .addModifiers(Modifier.FINAL)
        .addJavadoc("The schema of {@link $T}: the table $L and everything it owns.\n\n"
            + "<p>Apply it with {@link $T#apply}, or copy {@code META-INF/quarry/schema.sql} into a migration tool.\n",
            ClassName.get(table.element()), SourceFiles.code(table.table()), SCHEMA)
        .addField(FieldSpec.builder(String.class, "TABLE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("The table name, unquoted.\n")
            .initializer("$S", table.table())
            .build())
        .addField(FieldSpec.builder(ParameterizedTypeName.get(List.class, String.class), "STATEMENTS",
                Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer(list.build())
            .build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addField(FieldSpec.builder(DEFINITION, "DEFINITION", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer(definition(table))
            .build())
        .addMethod(MethodSpec.methodBuilder("statements")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(ParameterizedTypeName.get(List.class, String.class))
            .addJavadoc("Every statement that creates the table, its indexes and constraints, in an order that\n"
                + "runs. Each is idempotent, so applying them again changes nothing.\n")
            .addStatement("return STATEMENTS")
            .build())
        .addMethod(MethodSpec.methodBuilder("definition")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(DEFINITION)
            .addJavadoc("What the table needs in the database: columns, keys, indexes, constraints, partitioning.\n"
                + "{@link $T#verify} and {@link $T#plan} compare it with the live catalog.\n", SCHEMA, SCHEMA)
            .addStatement("return DEFINITION")
            .build());
    if (table.isPublic()) {
      type.addModifiers(Modifier.PUBLIC);
    }
    return type.build();
  }

  /**
   * <pre>{@code
   * new TableDefinition("accounts",
   *     List.of(new TableDefinition.Column("id", "bigint", false, Optional.empty(), true, Optional.empty()), ...),
   *     "accounts_pkey", List.of("id"), List.of(...indexes), List.of(...foreign keys), List.of(...checks),
   *     Optional.empty(), STATEMENTS)
   * }</pre>
   */
  private static CodeBlock definition(TableModel table) {
    List<CodeBlock> columns = new ArrayList<>();
    for (ColumnModel c : table.columns()) {
      columns.add(CodeBlock.of("new $T($S, $S, $L, $L, $L, $T.empty())", COLUMN, c.column(), c.sqlType(), c.nullable(),
          table.isTimestamp(c) ? CodeBlock.of("$T.of($S)", Optional.class, "now()") : CodeBlock.of("$T.empty()", Optional.class),
          c.identity(), Optional.class));
    }
    table.fullText().ifPresent(f -> columns.add(CodeBlock.of("new $T($S, $S, true, $T.empty(), false, $T.of($S))", COLUMN,
        f.vectorColumn(), "tsvector", Optional.class, Optional.class, Ddl.searchExpression(f))));
    List<CodeBlock> indexes = new ArrayList<>();
    for (IndexSql i : Ddl.indexes(table)) {
      indexes.add(CodeBlock.of("new $T($S, $L, $L, $S, $S, $S)", INDEX, i.name(), i.unique(), strings(i.columns()),
          i.keys(), i.method(), i.where()));
    }
    List<CodeBlock> foreignKeys = new ArrayList<>();
    for (ForeignKeyModel fk : table.foreignKeys()) {
      foreignKeys.add(CodeBlock.of("new $T($S, $S, $S, $S, $S)", FOREIGN_KEY, fk.constraintName(), fk.column().column(),
          fk.targetTable(), fk.targetColumn(), fk.onDelete()));
    }
    List<CodeBlock> checks = new ArrayList<>();
    for (CheckModel check : table.checks()) {
      checks.add(CodeBlock.of("new $T($S, $S)", CHECK, check.name(), check.expression()));
    }
    CodeBlock partitioning = table.partitioning().map(p -> CodeBlock.of(
            "$T.of(new $T($S, $S, $S, $S, $LL, $L, $L, $S, $L, $S, $S))", Optional.class, PARTITIONING, p.strategy(),
            p.key().column(), PartitionMethods.keyType(p.key()), p.interval(),
            p.step(), p.premake(), p.retain(), p.zone(), p.defaultPartition(), p.manager(), Partitions.prefix(table, p)))
        .orElse(CodeBlock.of("$T.empty()", Optional.class));
    return CodeBlock.builder()
        .add("new $T($S,\n$>$>", DEFINITION, table.table())
        .add("$L,\n", list(columns))
        .add("$S, $L,\n", table.primaryKeyName(), strings(table.key().stream().map(ColumnModel::column).toList()))
        .add("$L,\n", list(indexes))
        .add("$L,\n", list(foreignKeys))
        .add("$L,\n", list(checks))
        .add("$L,\n", partitioning)
        .add("STATEMENTS)$<$<")
        .build();
  }

  /** {@code List.of(a, b)}, one element a line when there are several. */
  private static CodeBlock list(List<CodeBlock> items) {
    if (items.isEmpty()) {
      return CodeBlock.of("$T.of()", List.class);
    }
    CodeBlock.Builder b = CodeBlock.builder().add("$T.of(\n$>$>", List.class);
    for (int i = 0; i < items.size(); i++) {
      b.add("$L$L", items.get(i), i + 1 < items.size() ? ",\n" : "");
    }
    return b.add(")$<$<").build();
  }

  private static CodeBlock strings(List<String> values) {
    return CodeBlock.of("$T.of($L)", List.class,
        values.stream().map(v -> CodeBlock.of("$S", v).toString()).collect(Collectors.joining(", ")));
  }
}
