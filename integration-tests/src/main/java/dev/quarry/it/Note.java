package dev.quarry.it;

import dev.quarry.Id;
import dev.quarry.Table;
import dev.quarry.Timestamps;
import java.time.OffsetDateTime;

/** Timestamps kept by a trigger too, so raw SQL updates bump them. */
@Table("notes")
@Timestamps(created = "created", updated = "touched", trigger = true)
public record Note(@Id long id, String body, OffsetDateTime created, OffsetDateTime touched) {}
