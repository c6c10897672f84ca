package dev.quarry.example;

import dev.quarry.Id;
import dev.quarry.Identity;
import dev.quarry.Table;
import dev.quarry.Unique;

/** Someone who owns documents; the e-mail address is a unique key. */
@Table("owners")
public record Owner(@Id @Identity Long id, @Unique String email, String name) {}
