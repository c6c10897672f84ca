package dev.quarry.spring;

import dev.quarry.runtime.Database;
import dev.quarry.runtime.Schema;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * What Quarry does once, before any DAO bean exists: the schema check that
 * {@code quarry.schema.mode} asks for, then the first partition maintenance. A failure of either
 * fails start-up, as a missing table or partition would fail the first request that needs it.
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
    List<QuarryDaos.Entry> daos = QuarryDaos.read(classLoader);
    switch (properties.getSchema().getMode()) {
      case NONE -> { }
      case VERIFY -> verify(daos);
      case MIGRATE -> migrate(daos);
    }
    if (!properties.getPartitions().getMaintainInterval().isZero()) {
      PartitionMaintenance.runAll(db, daos, classLoader);
    }
  }

  /**
   * Fails when a table of the records is missing. Until the runtime can compare columns,
   * indexes and keys, the check is the tables' existence (in the connection's search_path).
   */
  private void verify(List<QuarryDaos.Entry> daos) {
    List<String> missing = new ArrayList<>();
    for (QuarryDaos.Entry entry : daos) {
      String table = table(entry);
      boolean exists = db.withConnection(c -> {
        try (var ps = c.prepareStatement("SELECT to_regclass(quote_ident(?)) IS NOT NULL")) {
          ps.setString(1, table);
          try (var rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
          }
        }
      });
      if (!exists) {
        missing.add("table " + table + " (of " + entry.schema() + ") does not exist");
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("quarry.schema.mode=verify: the database does not match the records:\n  "
          + String.join("\n  ", missing)
          + "\nCreate them with your migrations (META-INF/quarry/schema.sql holds the DDL), "
          + "or set quarry.schema.mode=migrate to let Quarry create them.");
    }
  }

  /** Applies each record's generated, idempotent DDL, referenced tables first. */
  private void migrate(List<QuarryDaos.Entry> daos) {
    for (QuarryDaos.Entry entry : daos) {
      Schema.apply(db, statements(entry));
      log.debug("Quarry applied the schema of " + entry.schema());
    }
  }

  private String table(QuarryDaos.Entry entry) {
    try {
      return (String) QuarryDaos.load(entry.schema(), classLoader).getField("TABLE").get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(entry.schema() + " has no public TABLE constant; rebuild it", e);
    }
  }

  @SuppressWarnings("unchecked")
  private List<String> statements(QuarryDaos.Entry entry) {
    try {
      return (List<String>) QuarryDaos.load(entry.schema(), classLoader).getMethod("statements").invoke(null);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(entry.schema() + ".statements() failed", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(entry.schema() + " has no public statements(); rebuild it", e);
    }
  }
}
