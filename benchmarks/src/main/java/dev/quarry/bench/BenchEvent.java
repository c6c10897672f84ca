package dev.quarry.bench;

import dev.quarry.Id;

import dev.quarry.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** A realistic row: keys, a category, money, a timestamp and optional free text. */
@Table("bench_events")

public record BenchEvent(@Id long id, long accountId, String kind, BigDecimal amount, Instant createdAt,
    @Nullable String note) {

  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.CLASS)
  @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE_USE)
  @interface Nullable {}
}
