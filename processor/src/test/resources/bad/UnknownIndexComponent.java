package bad;

import dev.quarry.Id;
import dev.quarry.Index;
import dev.quarry.Table;

@Table
@Index({"ownerId", "titel DESC"})
public record UnknownIndexComponent(@Id long id, long ownerId, String title) {}
