package dev.quarry.spring.app;

import dev.quarry.Id;
import dev.quarry.Identity;
import dev.quarry.Table;
import dev.quarry.Unique;

/** A customer, unique by e-mail. */
@Table("customers")
public record Customer(@Id @Identity Long id, @Unique String email, String name) {}
