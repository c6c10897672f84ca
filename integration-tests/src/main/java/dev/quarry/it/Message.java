package dev.quarry.it;

import dev.quarry.Id;
import dev.quarry.Partitioned;
import dev.quarry.Table;
import java.util.UUID;

/** HASH partitions by user, eight of them. */
@Table("messages")
@Partitioned(by = "userId", strategy = Partitioned.Strategy.HASH, modulus = 8)
public record Message(@Id UUID id, @Id long userId, String body) {}
