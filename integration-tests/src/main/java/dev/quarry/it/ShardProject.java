package dev.quarry.it;

import dev.quarry.Distributed;
import dev.quarry.ForeignKey;
import dev.quarry.Id;
import dev.quarry.OnDelete;
import dev.quarry.Table;
import dev.quarry.UniqueKey;

/**
 * Citus: a tenant's projects, colocated with the tenant, the foreign key running between the
 * two distribution columns, the unique key holding within the tenant.
 */
@Table("shard_projects")
@Distributed(by = "tenantId", colocateWith = ShardTenant.class)
@UniqueKey({"tenantId", "slug"})
@SuppressWarnings("QuarryDistributedFanOut") // findByCountry fans out, on purpose
public record ShardProject(
    @Id @ForeignKey(references = ShardTenant.class, onDelete = OnDelete.CASCADE) long tenantId,
    @Id long id,
    String slug,
    @ForeignKey(references = ShardCountry.class) String country) {}
