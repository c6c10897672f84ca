package dev.quarry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The table is a Citus distributed table, sharded by the component {@link #by()}.
 *
 * <p>{@code XSchema.statements()} ends with {@code create_distributed_table(table, column)}
 * (with {@code colocate_with} when {@link #colocateWith()} names another distributed record),
 * guarded so that applying the schema again is a no-op. On a database without the {@code citus}
 * extension the statement leaves an ordinary table and says so in a {@code NOTICE}: the same
 * records serve development on one PostgreSQL server and production on a Citus cluster. Foreign
 * keys of the table are added after it is distributed, as Citus requires.
 *
 * <p>Citus enforces a primary key or a unique key only when it contains the distribution
 * column (each shard checks its own rows), so {@code by} must be part of the primary key and of
 * every {@link Unique}/{@link UniqueKey}: the processor refuses the record otherwise. A foreign
 * key to another distributed table must be colocated with it and run from this table's
 * distribution column to the other's. Reads that do not filter by {@code by} (keyset slices,
 * finders by other foreign keys, full-text search) run on every shard; the processor warns
 * about each, and {@code @SuppressWarnings("QuarryDistributedFanOut")} on the record silences
 * it.
 *
 * <p>See Citus' "Choosing Distribution Column" and "Table Co-Location" documentation.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Distributed {
  /** The distribution column's component, for example {@code "tenantId"}. */
  String by();

  /**
   * Another {@link Distributed} record whose shards this table's shards live with (Citus'
   * {@code colocate_with}): rows with equal distribution values land on the same node, so
   * joins and foreign keys between the two stay on one node. The two distribution columns
   * must have the same type. {@code void.class} lets Citus choose (its default colocation).
   */
  Class<?> colocateWith() default void.class;
}
