package dev.quarry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The component references the single-column primary key of another {@link Table} record.
 *
 * <p>The schema gets the constraint and an index on the referencing column (PostgreSQL does not
 * create one). The DAO gains {@code findByX(value)} and {@code findByXIn(Collection)}, which
 * loads the children of many parents in one query instead of one query per parent (N+1).
 *
 * <p>With {@link Partitioned} tables: a partitioned record may reference a plain one (the
 * constraint, its index and any {@code ON DELETE} action hold in every partition). A record may
 * reference a partitioned one only when that record's single {@link Id} is its partition key,
 * because PostgreSQL references a partitioned table only through a unique key that includes the
 * partition key; anything else is a compile error. Referencing a partitioned table whose
 * {@code retain} drops old partitions draws a warning: PostgreSQL cannot detach a partition whose
 * rows are still referenced.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface ForeignKey {
  /** The referenced {@link Table} record. */
  Class<?> references();

  /** What happens to this row when the referenced row is deleted. */
  OnDelete onDelete() default OnDelete.NO_ACTION;
}
