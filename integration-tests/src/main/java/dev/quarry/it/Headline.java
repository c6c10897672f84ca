package dev.quarry.it;

import dev.quarry.Id;
import dev.quarry.KeysetPaged;
import dev.quarry.Table;

/** Keyset pages over a text column that can be far longer than a cursor may be. */
@Table("headlines")
@KeysetPaged({"grp", "name", "id"})
public record Headline(@Id long id, String grp, String name) {}
