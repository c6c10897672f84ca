package dev.quarry.it;

import dev.quarry.Id;
import dev.quarry.Table;
import java.time.Instant;
import java.util.UUID;

/** An API key whose id is a UUIDv7 chosen at insert. */
@Table("api_keys")
public record ApiKey(@Id UUID id, String label, Instant issuedAt) {}
