package bad;

import dev.quarry.ForeignKey;
import dev.quarry.Id;
import dev.quarry.Table;

@Table
public record ForeignKeyToNonTable(@Id long id,
    @ForeignKey(references = String.class) long ownerId) {}
