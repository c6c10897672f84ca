package dev.quarry.spring;

import dev.quarry.runtime.Database;
import dev.quarry.runtime.MigrationPlan;
import dev.quarry.runtime.Schema;
import dev.quarry.runtime.SchemaMismatchException;
import dev.quarry.runtime.TableDefinition;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * What Quarry does once, before any DAO bean exists: the schema step that
 * {@code quarry.schema.mode} asks for, then the first partition maintenance. A failure of either
 * fails start-up, as a missing table, column or partition would fail the first request that
 * needs it.
 *
 * <p>The tables are every {@link TableDefinition} of the application's index
 * ({@link Schema#definitions()} on the application's class loader), the same index the DAO beans
 * come from, including the tables of DAOs the application defines as beans itself: their tables
 * must match just as much.
 */
final class QuarryStartup implements InitializingBean {
  static final String BEAN_NAME = "quarryStartup";

  private static final Log log = LogFactory.getLog(QuarryStartup.class);

  private final Database db;
  private final QuarryProperties properties;
  private final ClassLoader classLoader;

  QuarryStartup(Database db, QuarryProperties properties, ClassLoader classLoader) {
    this.db = db;
    this.properties = properties;
    this.classLoader = classLoader;
  }

  @Override
  public void afterPropertiesSet() {
    switch (properties.getSchema().getMode()) {
      case NONE -> { }
      case VERIFY -> verify(definitions());
      case MIGRATE -> migrate(definitions());
    }
    if (!properties.getPartitions().getMaintainInterval().isZero()) {
      PartitionMaintenance.runAll(db, QuarryDaos.read(classLoader), classLoader);
    }
  }

  private void verify(List<TableDefinition> tables) {
    try {
      Schema.verify(db, tables);
    } catch (SchemaMismatchException e) {
      throw new SchemaStartupException("quarry.schema.mode=verify: the database does not match the records ("
          + e.differences().size() + "):\n  " + String.join("\n  ", e.differences()),
          "Add a migration that makes these changes (java -cp <the application's class path> "
          + "dev.quarry.runtime.SchemaTool <jdbc url> --out V<n>__quarry.sql writes one), or set "
          + "quarry.schema.mode=migrate to let Quarry make them at start-up.", e);
    }
    log.debug("Quarry verified the schema of " + tables.size() + " tables");
  }

  private void migrate(List<TableDefinition> tables) {
    MigrationPlan plan;
    try {
      plan = Schema.migrate(db, tables);
    } catch (SchemaMismatchException e) {
      throw new SchemaStartupException("quarry.schema.mode=migrate: Quarry made the safe changes, but these "
          + "need a person (" + e.differences().size() + "):\n  " + String.join("\n  ", e.differences()),
          "Make each change by hand or in a migration (SchemaTool --out writes the safe part and "
          + "lists these as comments), then start again.", e);
    }
    if (!plan.statements().isEmpty()) {
      log.info("Quarry migrated the schema:\n  " + String.join("\n  ", plan.statements()));
    }
  }

  /**
   * {@link Schema#definitions()} reads the index on the thread's context class loader; the DAO
   * beans come from the application's class loader. They are the same in an ordinary start, and
   * this keeps the tables checked and the DAOs registered from one index when they are not.
   */
  private List<TableDefinition> definitions() {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(classLoader);
    try {
      return Schema.definitions();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
