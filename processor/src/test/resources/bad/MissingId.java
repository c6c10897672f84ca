package bad;

import dev.quarry.Table;

@Table
public record MissingId(long id, String name) {}
