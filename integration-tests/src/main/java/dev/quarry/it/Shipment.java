package dev.quarry.it;

import dev.quarry.Check;
import dev.quarry.ForeignKey;
import dev.quarry.Id;
import dev.quarry.OnDelete;
import dev.quarry.Partitioned;
import dev.quarry.Table;
import java.time.Instant;

/**
 * A partitioned child of a plain parent: monthly partitions, each inheriting the CHECKs, and
 * rows deleted with their owner.
 */
@Table("shipments")
@Partitioned(by = "shippedAt", interval = Partitioned.Interval.MONTHLY, premake = 2)
@Check("delivered_at IS NULL OR delivered_at >= shipped_at")
public record Shipment(
    @Id long id,
    @Id Instant shippedAt,
    @ForeignKey(references = Owner.class, onDelete = OnDelete.CASCADE) long ownerId,
    @Check("grams > 0") int grams,
    @Nullable Instant deliveredAt) {}
