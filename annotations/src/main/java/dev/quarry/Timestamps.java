package dev.quarry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Database-managed created/updated timestamps.
 *
 * <p>Both columns default to {@code now()}, inserts leave them to PostgreSQL and read the
 * stored values back, and every UPDATE the DAO issues (single, bulk, upsert) sets the updated
 * column to {@code now()} while never touching the created one. With {@code trigger = true} a
 * trigger bumps the updated column for raw SQL updates too.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Timestamps {
  /** The component holding the creation time ({@code Instant}, {@code OffsetDateTime} or {@code LocalDateTime}). */
  String created() default "createdAt";

  /** The component holding the last update time. */
  String updated() default "updatedAt";

  /** Whether a trigger also maintains the updated column for SQL written by hand. */
  boolean trigger() default false;
}
