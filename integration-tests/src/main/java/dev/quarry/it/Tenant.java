package dev.quarry.it;

import dev.quarry.Id;
import dev.quarry.Identity;
import dev.quarry.Table;
import dev.quarry.Unique;

/** An identity key beside a component named like the DAO's own field. */
@Table("tenants")
public record Tenant(@Id @Identity Long id, @Unique String db) {}
