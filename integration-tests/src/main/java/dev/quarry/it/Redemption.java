package dev.quarry.it;

import dev.quarry.Column;
import dev.quarry.ForeignKey;
import dev.quarry.Id;
import dev.quarry.Table;

/** A reference to a key of a domain type ({@link Voucher#code}), for lookups by it. */
@Table("redemptions")
public record Redemption(@Id long id, @ForeignKey(references = Voucher.class) @Column(type = "code8") String voucher) {}
