package dev.quarry.processor.sql;

import static dev.quarry.processor.sql.Identifiers.literal;
import static dev.quarry.processor.sql.Identifiers.quote;

import dev.quarry.processor.model.DistributionModel;
import dev.quarry.processor.model.ForeignKeyModel;
import dev.quarry.processor.model.TableModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements that place a table on a Citus cluster: {@code create_distributed_table} or
 * {@code create_reference_table}, then the table's foreign keys (Citus accepts a foreign key
 * between shards only once both tables are distributed). Each is a {@code DO} block that does
 * nothing when its work is already done, so a schema applies twice without change.
 */
public final class Citus {
  private Citus() {}

  /** The statements that follow the table's own DDL; empty for a table that is not on Citus. */
  public static List<String> statements(TableModel table, DistributionModel d) {
    List<String> statements = new ArrayList<>();
    if (!d.isCitus()) {
      return statements;
    }
    statements.add(place(table, d));
    for (ForeignKeyModel fk : table.foreignKeys()) {
      statements.add(addForeignKey(table, fk));
    }
    return statements;
  }

  /**
   * Whether the table is distributed or a reference table. Bulk upserts into such a table keep
   * {@code INSERT ... ON CONFLICT}: which {@code MERGE} statements Citus can plan depends on its
   * version and on the source's placement, and the staging table is local.
   */
  public static boolean placed(TableModel table) {
    return table.distribution().map(DistributionModel::isCitus).orElse(false);
  }

  /** Whether the table's foreign keys wait until it is placed, instead of sitting in CREATE TABLE. */
  public static boolean defersForeignKeys(TableModel table) {
    return placed(table);
  }

  /**
   * <pre>{@code
   * DO $quarry$
   * BEGIN
   *   IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
   *     RAISE NOTICE '... stays a plain table ...';
   *   ELSIF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'events'::regclass) THEN
   *     PERFORM create_distributed_table('events', 'tenant_id', colocate_with => 'tenants');
   *   END IF;
   * END
   * $quarry$
   * }</pre>
   * The transaction switches to Citus' sequential mode ({@code SET LOCAL
   * citus.multi_shard_modify_mode}) first: a foreign key to a reference table cannot be added in
   * a transaction that already ran a parallel operation on a distributed table, and
   * {@code Schema.apply} places and constrains every table in one transaction.
   * {@code pg_dist_partition} lists every distributed and reference table; plpgsql resolves it
   * only when that branch runs. On PostgreSQL without Citus the table stays an ordinary table,
   * so the same records and schema serve development on one server and production on Citus.
   */
  static String place(TableModel table, DistributionModel d) {
    String relation = literal(quote(table.table()));
    String call = d.isDistributed()
        ? "create_distributed_table(" + relation + ", " + literal(d.column().orElseThrow().column())
            + d.colocateWith().map(c -> ", colocate_with => " + literal(quote(c.table()))).orElse("") + ")"
        : "create_reference_table(" + relation + ")";
    String annotation = d.isDistributed() ? "@Distributed" : "@Reference";
    return "DO $quarry$\nBEGIN\n"
        + "  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN\n"
        + "    RAISE NOTICE 'the " + annotation + " table % stays a plain table: this database has no Citus extension', "
        + relation + ";\n"
        + "  ELSIF NOT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = " + relation + "::regclass) THEN\n"
        + "    PERFORM set_config('citus.multi_shard_modify_mode', 'sequential', true);\n"
        + "    PERFORM " + call + ";\n"
        + "  END IF;\nEND\n$quarry$";
  }

  /** {@code ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY}, unless the constraint exists. */
  static String addForeignKey(TableModel table, ForeignKeyModel fk) {
    return "DO $quarry$\nBEGIN\n"
        + "  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = " + literal(quote(table.table()))
        + "::regclass AND conname = " + literal(fk.constraintName()) + ") THEN\n"
        + "    ALTER TABLE " + quote(table.table()) + " ADD " + Ddl.foreignKey(fk) + ";\n"
        + "  END IF;\nEND\n$quarry$";
  }
}
