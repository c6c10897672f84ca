package bad;

import dev.quarry.Id;
import dev.quarry.Index;
import dev.quarry.Table;

@Table
@Index(value = "a", name = "same_idx")
@Index(value = "b", name = "same_idx")
public record DuplicateIndexName(@Id long id, String a, String b) {}
