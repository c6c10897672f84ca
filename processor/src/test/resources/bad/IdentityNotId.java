package bad;

import dev.quarry.Id;
import dev.quarry.Identity;
import dev.quarry.Table;

@Table
public record IdentityNotId(@Id long id,
    @Identity Long counter) {}
