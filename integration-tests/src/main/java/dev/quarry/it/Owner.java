package dev.quarry.it;

import dev.quarry.Id;
import dev.quarry.Identity;
import dev.quarry.Table;
import dev.quarry.Unique;

/** A person who owns documents. */
@Table("owners")
public record Owner(@Id @Identity Long id, @Unique String email, String name) {}
