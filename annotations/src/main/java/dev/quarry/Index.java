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
 *
 * <p>{@code @Index("tags")} on a {@code List<String> tags} is a GIN index, so
 * {@code WHERE tags @> ARRAY['x']} is answered from it. ({@code 'x' = ANY(tags)} cannot use any
 * index in PostgreSQL: write it as {@code tags @> ARRAY['x']}.)
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

  /**
   * The index method: {@code "btree"}, {@code "gin"}, {@code "gist"}, {@code "brin"}, {@code "hash"}
   * or {@code "spgist"}. {@code ""} lets Quarry choose: {@code gin} when every column is an
   * array or a JSON document, which is what {@code tags @> ARRAY[...]}, {@code tags && ...} and
   * jsonb's {@code @>} and {@code ?} need, else {@code btree}.
   */
  String using() default "";

  /** Holds repeated {@link Index} annotations. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.TYPE)
  @interface List {
    Index[] value();
  }
}
