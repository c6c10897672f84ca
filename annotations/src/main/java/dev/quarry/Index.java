package dev.quarry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An index, created with {@code CREATE INDEX IF NOT EXISTS}.
 *
 * <p>Put equality columns first and the range or sort column last:
 * {@code @Index({"ownerId", "createdAt DESC"})} serves "this owner's documents, newest first"
 * in one index scan.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(Index.List.class)
public @interface Index {
  /** Component names, each optionally followed by {@code " DESC"} (or {@code " ASC"}). */
  String[] value();

  /** An optional predicate that makes the index partial, in SQL over column names. */
  String where() default "";

  /** Whether the index is unique. */
  boolean unique() default false;

  /** The index name; {@code ""} derives one from the table and columns. */
  String name() default "";

  /** Holds repeated {@link Index} annotations. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.TYPE)
  @interface List {
    Index[] value();
  }
}
