package bad;

import dev.quarry.Id;
import dev.quarry.Table;
import dev.quarry.Version;

@Table
public record VersionOnString(@Id long id,
    @Version String version) {}
