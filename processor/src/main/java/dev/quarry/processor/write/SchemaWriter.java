package dev.quarry.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.quarry.processor.model.TableModel;
import dev.quarry.processor.sql.Ddl;
import java.util.List;
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
        .addMethod(MethodSpec.methodBuilder("statements")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(ParameterizedTypeName.get(List.class, String.class))
            .addJavadoc("Every statement that creates the table, its indexes and constraints, in an order that\n"
                + "runs. Each is idempotent, so applying them again changes nothing.\n")
            .addStatement("return STATEMENTS")
            .build());
    if (table.isPublic()) {
      type.addModifiers(Modifier.PUBLIC);
    }
    return type.build();
  }
}
