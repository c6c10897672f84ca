package dev.quarry.it;

import dev.quarry.ForeignKey;
import dev.quarry.Id;
import dev.quarry.Identity;
import dev.quarry.OnDelete;
import dev.quarry.Table;

/** A plain child of a partitioned parent. */
@Table("batch_items")
public record BatchItem(
    @Id @Identity Long id,
    @ForeignKey(references = Batch.class, onDelete = OnDelete.CASCADE) long batchId,
    String sku) {}
