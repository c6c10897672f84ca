package shop;

import dev.quarry.Column;
import dev.quarry.ForeignKey;
import dev.quarry.Id;
import dev.quarry.Identity;
import dev.quarry.Partitioned;
import dev.quarry.SoftDelete;
import dev.quarry.Table;
import dev.quarry.Unique;
import java.lang.annotation.ElementType;
import java.lang.annotation.Target;
import java.time.Instant;

/** The tables the compile-time SQL checks run against. */
final class Shop {
  private Shop() {}
}

@Target({ElementType.TYPE_USE, ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@interface Nullable {}

@Table("owners")
record Owner(@Id @Identity Long id, @Unique String email, String name, @Nullable Integer age,
    @Column(type = "jsonb") String meta) {}

@Table("pets")
@SoftDelete
record Pet(@Id @Identity Long id, @ForeignKey(references = Owner.class) long ownerId, String name,
    @Nullable Instant deletedAt) {}

@Table("visits")
@Partitioned(by = "at", interval = Partitioned.Interval.MONTHLY)
record Visit(@Id long id, @Id Instant at, long petId, String note) {}
