package golden;

import dev.quarry.Column;
import dev.quarry.ForeignKey;
import dev.quarry.Id;
import dev.quarry.Identity;
import dev.quarry.Index;
import dev.quarry.OnDelete;
import dev.quarry.Table;
import dev.quarry.UniqueKey;
import dev.quarry.Version;
import java.time.Instant;

@Table("articles")
@UniqueKey({"authorId", "slug"})
@Index({"authorId", "publishedAt DESC"})
public record Article(
    @Id @Identity Long id,
    @ForeignKey(references = Author.class, onDelete = OnDelete.CASCADE) long authorId,
    String slug,
    String title,
    @Nullable String body,
    @Column(type = "jsonb") @Nullable String meta,
    Instant publishedAt,
    @Version long version) {

  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.CLASS)
  @interface Nullable {}
}
