package dev.quarry.it;

import dev.quarry.Id;
import dev.quarry.Table;

/** A named counter, for read-modify-write concurrency tests. */
@Table("counters")
public record Counter(@Id String name, long value) {}
