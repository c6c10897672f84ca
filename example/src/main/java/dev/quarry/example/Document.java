package dev.quarry.example;

import dev.quarry.Column;
import dev.quarry.ForeignKey;
import dev.quarry.FullText;
import dev.quarry.Id;
import dev.quarry.Identity;
import dev.quarry.Index;
import dev.quarry.KeysetPaged;
import dev.quarry.OnDelete;
import dev.quarry.SoftDelete;
import dev.quarry.Table;
import dev.quarry.Timestamps;
import java.time.Instant;

/**
 * A document: time-stamped by PostgreSQL, soft-deleted, paged newest first, searchable, and
 * deleted with its owner. Equality columns first and the sort column last in the index.
 */
@Table("documents")
@Timestamps
@SoftDelete
@KeysetPaged({"createdAt", "id"})
@FullText({"title", "body"})
@Index({"ownerId", "title"})
public record Document(
    @Id @Identity Long id,
    @ForeignKey(references = Owner.class, onDelete = OnDelete.CASCADE) long ownerId,
    String title,
    @Nullable String body,
    @Column(type = "jsonb") @Nullable String tags,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Instant deletedAt) {}
