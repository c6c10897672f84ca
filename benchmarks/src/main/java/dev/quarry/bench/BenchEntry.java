package dev.quarry.bench;

import dev.quarry.Id;
import dev.quarry.Identity;
import dev.quarry.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** The same row as {@link BenchEvent}, in a table whose key PostgreSQL assigns when it is null. */
@Table("bench_entries")
public record BenchEntry(@Id @Identity Long id, long accountId, String kind, BigDecimal amount, Instant createdAt,
    @BenchEvent.Nullable String note) {}
