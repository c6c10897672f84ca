package dev.quarry.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Annotation strings that reach generated Java source, SQL or DDL: names are escaped wherever
 * they land, and text placed as it is (a column type, an index predicate) is validated, with a
 * diagnostic on the element that names the fix.
 */
class AnnotationTextTest {

  @Test
  void aColumnTypeThatSmugglesStatementsIsRefused() {
    Compiling.expectError("ColumnTypeInjection", "QuarryColumnType", "String payload");
  }

  @Test
  void aColumnTypeWithAClauseIsRefused() {
    Compiling.expectError("ColumnTypeClause", "QuarryColumnType", "String label");
  }

  @Test
  void anInstantInATimestampWithoutZoneIsRefused() {
    Compiling.expectError("InstantOnTimestamp", "QuarryColumnTypeMismatch", "Instant at");
  }

  @Test
  void anIndexPredicateThatEndsTheStatementIsRefused() {
    Compiling.expectError("IndexWhereTwoStatements", "QuarryIndexWhere", "@Index");
  }

  /**
   * A table name that would close the generated Javadoc ({@code *}{@code /}, also spelled as a
   * unicode escape), open tags, or end a dollar quote; components, a foreign key and {@code @Sql}
   * parameters named like every local, lambda parameter, field and type the generated code uses.
   * All of it compiles, with no diagnostic.
   */
  @Test
  void noNameAUserCanChooseBreaksTheGeneratedCode() throws IOException {
    Compilation compilation = Compiling.compile(Compiling.resource("names/HostileNames.java"));
    assertThat(compilation).succeededWithoutWarnings();
    String dao = compilation.generatedSourceFile("names.HostileNamesDao").orElseThrow().getCharContent(true).toString();
    assertTrue(dao.contains("stored in the table <code>a&#42;&#47;b &#92;u002a&#47; &#123;&#64;code &#125; &#60;i&#62; &#34; &#36;quarry&#36;</code>"),
        () -> "the table name is escaped in Javadoc: " + dao.lines().filter(l -> l.contains("stored in the table"))
            .findFirst().orElse(""));
    assertFalse(java.util.regex.Pattern.compile("Jdbc\\.\\w+\\(db,").matcher(dao).find(), "the DAO's database is always this.db");
  }
}
