package golden;

import dev.quarry.Id;
import dev.quarry.Identity;
import dev.quarry.Table;
import dev.quarry.Unique;

@Table("authors")
public record Author(@Id @Identity Long id, @Unique String email) {}
