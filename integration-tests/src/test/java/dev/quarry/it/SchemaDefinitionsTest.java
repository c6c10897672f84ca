package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.Schema;
import dev.quarry.runtime.SchemaTool;
import dev.quarry.runtime.TableDefinition;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every record of this module, found through the processor's index: a database migrated from
 * nothing matches them all, with no false difference (types, defaults, generated columns,
 * partial indexes, checks and partitioning compare as PostgreSQL prints them).
 */
class SchemaDefinitionsTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  /** pg_partman's tables are created by pg_partman, which this database may not have. */
  static List<TableDefinition> definitions() {
    return Schema.definitions().stream()
        .filter(t -> t.partitioning().map(p -> !p.manager().equals("PG_PARTMAN")).orElse(true)).toList();
  }

  @Test
  void definitionsComeFromTheIndexReferencedTablesFirst() {
    List<String> names = Schema.definitions().stream().map(TableDefinition::name).toList();
    assertTrue(names.containsAll(List.of("owners", "documents", "events", "bookings", "shipments", "batches")), names.toString());
    assertTrue(names.indexOf("owners") < names.indexOf("documents"), names.toString());
    assertTrue(names.indexOf("batches") < names.indexOf("batch_items"), names.toString());
    assertEquals(DocumentSchema.definition(), Schema.definitions().get(names.indexOf("documents")));
  }

  @Test
  void aDatabaseMigratedFromNothingMatchesEveryRecord() throws Exception {
    List<TableDefinition> all = definitions();
    pg.sql(GeneratedCode.DOMAINS);
    assertEquals(all.size(), Schema.diff(pg.db(), all).size(), "every table is missing at first");
    ByteArrayOutputStream script = new ByteArrayOutputStream();
    assertEquals(3, tool(script, "--check"), "--check: the database differs");
    assertTrue(script.toString(StandardCharsets.UTF_8).contains("CREATE TABLE IF NOT EXISTS owners"), script.toString());
    assertEquals(all.size(), Schema.diff(pg.db(), all).size(), "SchemaTool only reads");
    Schema.migrate(pg.db(), all);
    assertEquals(List.of(), Schema.diff(pg.db(), all));
    for (TableDefinition table : all) {
      pg.apply(table.statements());
    }
    assertEquals(List.of(), Schema.diff(pg.db(), all), "the generated statements agree with the definitions");
    pg.sql("ALTER TABLE documents ALTER COLUMN title DROP NOT NULL");
    assertEquals(List.of("table documents: column title allows null, the record expects NOT NULL"),
        Schema.diff(pg.db(), all));
  }

  private static int tool(ByteArrayOutputStream out, String... options) throws Exception {
    String[] args = new String[options.length + 1];
    args[0] = pg.url();
    System.arraycopy(options, 0, args, 1, options.length);
    return SchemaTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
  }
}
