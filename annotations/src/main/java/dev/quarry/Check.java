package dev.quarry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A CHECK constraint, written into the table's DDL as {@code CONSTRAINT <name> CHECK (<value>)}.
 *
 * <p>On a record it is a table constraint, on a component a column constraint; both are
 * checked by PostgreSQL on every INSERT and UPDATE, and both may name any column of the
 * table. On a {@code @Partitioned} table the constraint is declared on the parent, so every
 * partition inherits it (PostgreSQL refuses to attach a partition that lacks it).
 *
 * <pre>{@code
 * @Table("bookings")
 * @Check(value = "ends_at > starts_at", name = "bookings_period_check")
 * public record Booking(@Id long id, Instant startsAt, Instant endsAt,
 *                       @Check("seats BETWEEN 1 AND 12") int seats) {}
 * }</pre>
 *
 * <p>A row that breaks it makes the DAO throw {@code CheckViolationException}, whose
 * {@code constraint()} is this constraint's name.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.RECORD_COMPONENT})
@Repeatable(Check.List.class)
public @interface Check {
  /**
   * One SQL boolean expression over the table's column names (not component names), such as
   * {@code "amount > 0"} or {@code "ends_at > starts_at"}. The processor refuses text that is
   * not a single expression: a {@code ;}, unbalanced parentheses or quotes, or a comment that
   * would swallow the rest of the statement.
   */
  String value();

  /**
   * The constraint name; {@code ""} derives one: {@code <table>_<column>_check} on a component,
   * and on a record {@code <table>_<columns the expression names>_check}, numbered when two
   * would collide, shortened to PostgreSQL's 63 bytes.
   */
  String name() default "";

  /** Holds repeated {@link Check} annotations. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target({ElementType.TYPE, ElementType.RECORD_COMPONENT})
  @interface List {
    Check[] value();
  }
}
