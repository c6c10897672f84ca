package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * META-INF/quarry/schema.sql run by Flyway, twice over the same schema (a second migration that
 * re-applies it, as teams do after adding a record): both succeed, and Flyway logs no warning,
 * where without the file's preamble PostgreSQL sends one "already exists, skipping" NOTICE per
 * table and index, each of which Flyway logs as a warning.
 */
class FlywaySchemaTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  @Test
  void reapplyingSchemaSqlThroughFlywayLogsNoWarning(@TempDir Path migrations) throws Exception {
    String schemaSql = schemaSql();
    Files.writeString(migrations.resolve("V0__domains.sql"), GeneratedCode.DOMAINS + ";\n");
    Files.writeString(migrations.resolve("V1__schema.sql"), schemaSql);
    Files.writeString(migrations.resolve("V2__schema_again.sql"), schemaSql);

    RecordingLogs.WARNINGS.clear();
    var result = Flyway.configure().loggers(RecordingLogs.class.getName()).dataSource(pg.dataSource())
        .schemas(pg.schema()).locations("filesystem:" + migrations).load().migrate();
    assertEquals(3, result.migrationsExecuted);
    assertEquals(List.of(), RecordingLogs.WARNINGS);
    assertEquals(true, pg.value("SELECT to_regclass('documents') IS NOT NULL"));
  }

  /** The control: the same statements without the preamble do draw notices on a second run. */
  @Test
  void withoutThePreamblePostgresNoticesEverySkippedObject() throws Exception {
    String withoutPreamble = schemaSql().replace("SELECT set_config('client_min_messages', 'warning', true);", "");
    String url = pg.url() + "&options=-c%20client_min_messages%3Dnotice";
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute(GeneratedCode.DOMAINS);
        s.execute(withoutPreamble);
        s.clearWarnings();
        s.execute(withoutPreamble);
        SQLWarning w = s.getWarnings();
        assertNotNull(w, "a second run must draw notices, else the test above proves nothing");
        assertTrue(w.getMessage().contains("already exists, skipping"), w.getMessage());
      }
      c.rollback(); // leaves the schema empty for Flyway
    }
  }

  /** Flyway's log, kept: every warning and error it would print. */
  public static final class RecordingLogs implements LogCreator {
    static final List<String> WARNINGS = new CopyOnWriteArrayList<>();

    @Override
    public Log createLogger(Class<?> clazz) {
      return new Log() {
        @Override
        public void debug(String message) {}

        @Override
        public void info(String message) {}

        @Override
        public void notice(String message) {}

        @Override
        public void warn(String message) {
          WARNINGS.add("WARN " + message);
        }

        @Override
        public void error(String message) {
          WARNINGS.add("ERROR " + message);
        }

        @Override
        public void error(String message, Exception e) {
          WARNINGS.add("ERROR " + message + ": " + e);
        }
      };
    }
  }

  private static String schemaSql() throws Exception {
    try (InputStream in = FlywaySchemaTest.class.getClassLoader().getResourceAsStream("META-INF/quarry/schema.sql")) {
      assertNotNull(in, "the processor writes META-INF/quarry/schema.sql");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
