package dev.quarry.it;

import dev.quarry.Id;
import dev.quarry.Identity;
import dev.quarry.Table;

/** Rows written on a primary and read, when routing allows, on its standby. */
@Table("replica_notes")
public record ReplicaNote(@Id @Identity Long id, String body) {}
