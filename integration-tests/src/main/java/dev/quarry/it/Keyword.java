package dev.quarry.it;

import dev.quarry.Column;
import dev.quarry.Id;
import dev.quarry.Table;
import dev.quarry.Unique;

/** Names PostgreSQL reserves, which must be quoted everywhere. */
@Table("user")
public record Keyword(@Id @Column("order") long order, @Unique String select, @Column("Mixed Case") String group) {}
