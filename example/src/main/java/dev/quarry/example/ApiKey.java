package dev.quarry.example;

import dev.quarry.ForeignKey;
import dev.quarry.Id;
import dev.quarry.Table;
import java.time.Instant;
import java.util.UUID;

/** An API key: a UUID id, safe to expose, time-ordered (v7) so inserts stay at the index's end. */
@Table("api_keys")
public record ApiKey(@Id UUID id, @ForeignKey(references = Owner.class) long ownerId, String label, Instant issuedAt) {}
