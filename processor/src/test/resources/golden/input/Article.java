package golden;

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
import dev.quarry.UniqueKey;
import dev.quarry.Version;
import java.time.Instant;

@Table("articles")
@UniqueKey({"authorId", "slug"})
@Index({"authorId", "publishedAt DESC"})
@Timestamps
@SoftDelete
@KeysetPaged({"publishedAt", "id"})
@FullText({"title", "body"})
public record Article(
    @Id @Identity Long id,
    @ForeignKey(references = Author.class, onDelete = OnDelete.CASCADE) long authorId,
    String slug,
    String title,
    @Nullable String body,
    @Column(type = "jsonb") @Nullable String meta,
    Instant publishedAt,
    @Version long version,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Instant deletedAt) {

  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.CLASS)
  @interface Nullable {}
}
