package dev.quarry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A composite unique key over the named components, in the given order. The DAO gains
 * {@code findByAAndB}, {@code existsByAAndB} and {@code upsertByAAndB}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(UniqueKey.List.class)
public @interface UniqueKey {
  /** Component names (not column names). */
  String[] value();

  /** Holds repeated {@link UniqueKey} annotations. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.TYPE)
  @interface List {
    UniqueKey[] value();
  }
}
