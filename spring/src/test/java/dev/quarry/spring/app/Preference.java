package dev.quarry.spring.app;

import dev.quarry.Column;
import dev.quarry.Id;
import dev.quarry.Identity;
import dev.quarry.Table;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;

/**
 * A customer's settings as one JSON document, written and read with the application's mapper,
 * and a nullable note, a column a migration can add without a person.
 */
@Table("preferences")
public record Preference(@Id @Identity Long id, @Column(type = "jsonb") Settings settings, @Nullable String note) {

  /** The document: its JSON field names are whatever the application's mapper makes of these. */
  public record Settings(String displayName, boolean emailOptIn, Instant since) {}

  /** Quarry takes any annotation of this name as "the column allows null". */
  @Retention(RetentionPolicy.CLASS)
  @Target({ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
  public @interface Nullable {}
}
