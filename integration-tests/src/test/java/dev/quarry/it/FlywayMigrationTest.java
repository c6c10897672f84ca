package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.MigrationPlan;
import dev.quarry.runtime.Schema;
import dev.quarry.runtime.TableDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Flyway itself applies what Quarry generates: V1 is the first version's {@code schema.sql}, V2
 * the script {@code Schema.plan} wrote for the second version, with the script configuration
 * Flyway needs to run {@code CREATE INDEX CONCURRENTLY} outside a transaction.
 */
class FlywayMigrationTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  @Test
  void flywayAppliesTheSchemaThenTheGeneratedScript() throws Exception {
    Versions v1 = Versions.compile("@Table(\"authors_f\") record AuthorF(@Id @Identity Long id, String name) {}",
        "@Table(\"books_f\") @Partitioned(by = \"publishedAt\", premake = 1) record BookF(@Id long id, "
            + "@Id Instant publishedAt, long authorId, String title) {}");
    Versions v2 = Versions.compile("@Table(\"authors_f\") record AuthorF(@Id @Identity Long id, String name, "
            + "@Nullable String email) {}",
        "@Table(\"books_f\") @Partitioned(by = \"publishedAt\", premake = 1) @Check(\"length(title) > 0\") "
            + "record BookF(@Id long id, @Id Instant publishedAt, "
            + "@ForeignKey(references = AuthorF.class) long authorId, String title) {}",
        "@Table(\"reviews_f\") @Partitioned(by = \"at\", interval = Partitioned.Interval.DAILY, premake = 2) "
            + "record ReviewF(@Id long id, @Id Instant at, int stars) {}");
    Path migrations = Files.createTempDirectory("quarry-flyway");
    Files.writeString(migrations.resolve("V1__schema.sql"), v1.schemaSql());
    // A concurrent index build waits for every open transaction: Flyway's lock must not be one.
    FluentConfiguration config = Flyway.configure().dataSource(pg.url(), null, null).schemas(pg.schema())
        .locations("filesystem:" + migrations);
    config.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
    Flyway flyway = config.load();
    assertEquals(1, flyway.migrate().migrationsExecuted);
    new BookFDaoPartitions(v1).maintain();

    List<TableDefinition> after = List.of(v2.definition("AuthorF"), v2.definition("BookF"), v2.definition("ReviewF"));
    MigrationPlan plan = Schema.plan(pg.db(), after);
    assertTrue(plan.manualSteps().isEmpty(), plan.manualSteps().toString());
    assertTrue(plan.needsNoTransaction(), plan.script());
    Files.writeString(migrations.resolve("V2__quarry.sql"), plan.script());
    Files.writeString(migrations.resolve("V2__quarry.sql.conf"), MigrationPlan.FLYWAY_SCRIPT_CONFIG);
    assertEquals(1, flyway.migrate().migrationsExecuted);

    assertEquals(List.of(), Schema.diff(pg.db(), after));
    Object authors = v2.dao("AuthorF", pg.db());
    Object ada = Versions.call(authors, "insert", v2.row("AuthorF", null, "Ada", "ada@example.com"));
    long id = (Long) Versions.call(ada, "id");
    Object reviews = v2.dao("ReviewF", pg.db());
    Versions.call(reviews, "insert", v2.row("ReviewF", 1L, java.time.Instant.now(), 5));
    assertEquals(1L, Versions.call(reviews, "count"), "a table created only by Flyway accepts today's rows");
    assertEquals(Optional.of(ada), Versions.call(authors, "findById", id));
  }

  /** The first version's RANGE partitions, as its DAO's maintenance creates them. */
  private record BookFDaoPartitions(Versions v) {
    void maintain() {
      Object manager = Versions.call(v.dao("BookF", pg.db()), "partitions");
      Versions.call(manager, "maintain");
    }
  }
}
