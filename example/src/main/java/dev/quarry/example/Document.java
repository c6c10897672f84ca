package dev.quarry.example;

import dev.quarry.Column;
import dev.quarry.ForeignKey;
import dev.quarry.Id;
import dev.quarry.Identity;
import dev.quarry.Index;
import dev.quarry.OnDelete;
import dev.quarry.Table;

/** A document; deleting its owner deletes it. Equality columns first, the sort column last. */
@Table("documents")
@Index({"ownerId", "title"})
public record Document(
    @Id @Identity Long id,
    @ForeignKey(references = Owner.class, onDelete = OnDelete.CASCADE) long ownerId,
    String title,
    @Nullable String body,
    @Column(type = "jsonb") @Nullable String tags) {}
