package dev.quarry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declarative partitioning with automated maintenance.
 *
 * <p>The partition key must be part of the primary key (PostgreSQL requires every unique
 * constraint of a partitioned table to include it). LIST and HASH partitions are created by
 * the schema; RANGE partitions are created ahead of time, and dropped past retention, by the
 * DAO's {@code partitions().maintain()}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Partitioned {
  /** The partition key component; it must be part of the primary key. */
  String by();

  /** How rows are assigned to partitions. */
  Strategy strategy() default Strategy.RANGE;

  /** The width of one partition for time keys (RANGE). */
  Interval interval() default Interval.MONTHLY;

  /** The width of one partition for integer RANGE keys. */
  long step() default 0;

  /** Partitions kept ready ahead of the current one (RANGE). */
  int premake() default 4;

  /** Partitions kept behind the current one; 0 keeps all (RANGE). */
  int retain() default 0;

  /** The zone in which time bounds are computed. */
  String zone() default "UTC";

  /** Whether a DEFAULT partition catches rows no other partition covers (not with HASH). */
  boolean defaultPartition() default false;

  /** The number of HASH partitions. */
  int modulus() default 8;

  /** The LIST partitions. */
  List[] lists() default {};

  /** Who maintains RANGE partitions. */
  Manager manager() default Manager.BUILT_IN;

  /** Partitioning strategies. */
  enum Strategy { RANGE, LIST, HASH }

  /** Partition widths for time keys. */
  enum Interval { HOURLY, DAILY, WEEKLY, MONTHLY, QUARTERLY, YEARLY }

  /** Who creates and drops RANGE partitions. */
  enum Manager { BUILT_IN, PG_PARTMAN }

  /** One LIST partition: its name suffix and the key values it holds. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target({})
  @interface List {
    /** The partition's name suffix: {@code orders_us}. */
    String name();

    /** The key values this partition holds. */
    String[] values();
  }
}
