package dev.quarry.it;

import dev.quarry.ForeignKey;
import dev.quarry.FullText;
import dev.quarry.Id;
import dev.quarry.Identity;
import dev.quarry.KeysetPaged;
import dev.quarry.SoftDelete;
import dev.quarry.Table;
import java.time.Instant;

/** Newest-first keyset pages, full-text search, and an owner: the reading recipes together. */
@Table("articles")
@SoftDelete
@KeysetPaged({"publishedAt", "id"})
@FullText({"title", "body"})
public record Article(@Id @Identity Long id, @ForeignKey(references = Owner.class) long ownerId, String title,
    @Nullable String body, Instant publishedAt, @Nullable Instant deletedAt) {}
