package bad;

import dev.quarry.Id;
import dev.quarry.Identity;
import dev.quarry.Table;

@Table
public record IdentityOnString(
    @Id @Identity String id) {}
