package dev.quarry.it;

import dev.quarry.Id;
import dev.quarry.Identity;
import dev.quarry.SoftDelete;
import dev.quarry.Table;
import dev.quarry.Timestamps;
import dev.quarry.Unique;
import java.time.Instant;

/** Soft-deleted, time-stamped members whose e-mail is unique among live rows. */
@Table("members")
@Timestamps
@SoftDelete
public record Member(@Id @Identity Long id, @Unique String email, String name,
    Instant createdAt, Instant updatedAt, @Nullable Instant deletedAt) {}
