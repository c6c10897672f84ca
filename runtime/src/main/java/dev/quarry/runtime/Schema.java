package dev.quarry.runtime;

import dev.quarry.runtime.internal.SchemaComparison;
import dev.quarry.runtime.internal.SchemaDefinitions;
import dev.quarry.runtime.internal.SqlStates;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Creates, checks and evolves the tables the records describe.
 *
 * <p>{@link #apply} runs generated DDL ({@code DocumentSchema.statements()}) on a new database.
 * On a database that already holds the tables, {@link #diff} and {@link #verify} compare it
 * with the records' {@link TableDefinition}s through {@code pg_catalog} (under the connection's
 * {@code search_path}, types as PostgreSQL's {@code format_type} prints them), and
 * {@link #plan} / {@link #migrate} bring it to them with statements that keep locks short.
 */
public final class Schema {
  /** Serializes concurrent {@link #apply} and {@link #migrate} calls across processes; any fixed key works. */
  private static final long LOCK_KEY = 0x5155_4152_5259_0001L;

  /**
   * How long a migration statement waits for a lock before giving up (and being retried by
   * {@link #migrate}): also the longest that writers queued behind it can wait.
   */
  public static final Duration LOCK_TIMEOUT = Duration.ofSeconds(3);

  private static final int LOCK_RETRIES = 5;

  private Schema() {}

  /**
   * Runs {@code statements} in order, in one transaction: all of them take effect or none.
   * Generated statements are idempotent, so applying a schema twice changes nothing.
   * Several application instances starting at once would race on {@code CREATE ... IF NOT
   * EXISTS} (which is not atomic in PostgreSQL), so the transaction first takes an advisory
   * lock that makes them take turns.
   */
  public static void apply(Database db, List<String> statements) {
    db.transaction(() -> db.withConnection(c -> {
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
        for (String sql : statements) {
          try {
            s.execute(sql);
          } catch (SQLException e) {
            throw SqlStates.translate(e, "Schema.apply", sql);
          }
        }
      }
      return null;
    }));
  }

  /**
   * Every table definition of the application: the processor lists each compilation's schema
   * classes in {@code META-INF/quarry/daos}, and this reads every such file on the context class
   * loader (one per jar), referenced tables first.
   *
   * @throws QuarryException when a listed class cannot be loaded (the index and the class path disagree)
   */
  public static List<TableDefinition> definitions() {
    return SchemaDefinitions.load(Thread.currentThread().getContextClassLoader());
  }

  /**
   * Each difference between the live database and {@code tables}, one line each naming the
   * table and, where there is one, the column: a missing table; a missing or extra column; a
   * column's type, nullability, default, identity or generation; the primary key; a missing,
   * different or unvalidated CHECK or foreign key; a missing, invalid or different index; the
   * partition strategy or key. Empty when they match. Objects the records do not declare
   * (extra indexes, constraints, triggers) are not differences; extra columns are.
   */
  public static List<String> diff(Database db, List<TableDefinition> tables) {
    return findings(db, tables).stream().map(SchemaComparison.Finding::difference).toList();
  }

  /**
   * Throws when {@link #diff} is not empty.
   *
   * @throws SchemaMismatchException naming every difference
   */
  public static void verify(Database db, List<TableDefinition> tables) {
    List<String> differences = diff(db, tables);
    if (!differences.isEmpty()) {
      throw new SchemaMismatchException("Schema.verify", differences);
    }
  }

  /**
   * The statements that bring the live database to {@code tables}, and the changes left to a
   * person. Statements, in this order: {@code SET lock_timeout} ({@link #LOCK_TIMEOUT}); new
   * tables with their indexes and, for RANGE partitioning, the partitions of the current window;
   * {@code ADD COLUMN} nullable or with a constant default (no rewrite); relaxed NOT NULLs and
   * changed defaults; CHECKs, NOT NULLs (as {@code CHECK (c IS NOT NULL)}) and foreign keys added
   * {@code NOT VALID}, then {@code VALIDATE}d (which lets writes through), then
   * {@code SET NOT NULL}; leftover invalid indexes dropped {@code CONCURRENTLY}; indexes and unique
   * keys built {@code CREATE INDEX CONCURRENTLY} (per partition, then attached, on a partitioned
   * table). Each runs on its own, outside a transaction.
   */
  public static MigrationPlan plan(Database db, List<TableDefinition> tables) {
    return plan(findings(db, tables));
  }

  /**
   * Runs {@link #plan}'s statements one by one on one connection, each retried with backoff when
   * it gives up waiting for a lock (55P03), then, if manual steps remain, throws. Instances that
   * start together take turns (an advisory lock), and the plan is computed under it.
   *
   * @throws SchemaMismatchException listing the manual steps that remain, after the statements ran
   * @throws IllegalStateException inside a transaction: {@code CREATE INDEX CONCURRENTLY} cannot run in one
   * @throws QuarryException when a statement fails; what ran before it stays, and planning again resumes
   */
  public static MigrationPlan migrate(Database db, List<TableDefinition> tables) {
    if (db.inTransaction()) {
      throw new IllegalStateException("Schema.migrate cannot run inside a transaction: CREATE INDEX CONCURRENTLY "
          + "cannot run in a transaction block");
    }
    MigrationPlan plan = db.withConnection(c -> {
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
        try {
          MigrationPlan p = plan(compare(c, tables));
          for (String sql : p.statements()) {
            run(s, sql);
          }
          return p;
        } finally {
          s.execute("RESET lock_timeout");
          s.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
        }
      }
    });
    if (!plan.manualSteps().isEmpty()) {
      throw new SchemaMismatchException("Schema.migrate", plan.manualSteps());
    }
    return plan;
  }

  private static void run(Statement s, String sql) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try {
        s.execute(sql);
        return;
      } catch (SQLException e) {
        if (!"55P03".equals(e.getSQLState()) || attempt > LOCK_RETRIES) {
          throw SqlStates.translate(e, "Schema.migrate", sql);
        }
        try {
          Thread.sleep(200L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw SqlStates.translate(e, "Schema.migrate", sql);
        }
      }
    }
  }

  private static List<SchemaComparison.Finding> findings(Database db, List<TableDefinition> tables) {
    Objects.requireNonNull(tables, "tables");
    return db.withConnection(c -> compare(c, tables));
  }

  private static List<SchemaComparison.Finding> compare(Connection c, List<TableDefinition> tables) throws SQLException {
    return SchemaComparison.compare(c, SchemaDefinitions.foreignKeyOrder(tables), Instant.now());
  }

  private static MigrationPlan plan(List<SchemaComparison.Finding> findings) {
    List<SchemaComparison.Step> steps = new ArrayList<>();
    Set<String> manual = new LinkedHashSet<>();
    for (SchemaComparison.Finding f : findings) {
      steps.addAll(f.steps());
      manual.addAll(f.manual());
    }
    steps.sort(Comparator.comparingInt(SchemaComparison.Step::phase));
    Set<String> statements = new LinkedHashSet<>();
    if (!steps.isEmpty()) {
      statements.add("SET lock_timeout = '" + LOCK_TIMEOUT.toMillis() + "ms'");
    }
    steps.forEach(s -> statements.add(s.sql()));
    return new MigrationPlan(List.copyOf(statements), List.copyOf(manual));
  }
}
