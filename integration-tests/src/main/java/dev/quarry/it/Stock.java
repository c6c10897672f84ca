package dev.quarry.it;

import dev.quarry.Id;
import dev.quarry.Table;
import dev.quarry.Timestamps;
import java.time.Instant;

/** Stock levels by SKU, written by bulk upserts. */
@Table("stock")
@Timestamps
public record Stock(@Id String sku, long quantity, @Nullable String note, Instant createdAt, Instant updatedAt) {}
