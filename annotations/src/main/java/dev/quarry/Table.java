package dev.quarry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as a PostgreSQL table.
 *
 * <p>For a record {@code X} the processor writes, in the same package and with the same
 * visibility, {@code XSchema} (the idempotent DDL that creates the table) and {@code XDao} (a
 * plain-JDBC data access object whose SQL is visible as {@code public static final String}
 * constants). Every component is a column; at least one component must carry {@link Id}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Table {
  /** The table name; {@code ""} means the snake_case form of the record's simple name. */
  String value() default "";
}
