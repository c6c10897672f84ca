package dev.quarry.it;

import dev.quarry.Id;
import dev.quarry.Table;

/** Many small rows, for streaming a million of them. */
@Table("ticks")
public record Tick(@Id long id, String label) {}
