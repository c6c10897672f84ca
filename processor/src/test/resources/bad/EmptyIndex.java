package bad;

import dev.quarry.Id;
import dev.quarry.Index;
import dev.quarry.Table;

@Table
@Index({})
public record EmptyIndex(@Id long id) {}
