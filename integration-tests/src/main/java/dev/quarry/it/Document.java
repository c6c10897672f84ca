package dev.quarry.it;

import dev.quarry.Column;
import dev.quarry.ForeignKey;
import dev.quarry.Id;
import dev.quarry.Identity;
import dev.quarry.Index;
import dev.quarry.OnDelete;
import dev.quarry.Table;

/** A document, deleted with its owner. */
@Table("documents")
@Index({"ownerId", "title DESC"})
@Index(value = "title", where = "body IS NOT NULL", name = "documents_with_body_idx")
public record Document(
    @Id @Identity Long id,
    @ForeignKey(references = Owner.class, onDelete = OnDelete.CASCADE) long ownerId,
    String title,
    @Nullable String body,
    @Column(type = "jsonb") @Nullable String meta) {}
