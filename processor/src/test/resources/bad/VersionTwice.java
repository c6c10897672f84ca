package bad;

import dev.quarry.Id;
import dev.quarry.Table;
import dev.quarry.Version;

@Table
public record VersionTwice(@Id long id, @Version long version,
    @Version long revision) {}
