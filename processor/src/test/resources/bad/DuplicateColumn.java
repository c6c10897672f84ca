package bad;

import dev.quarry.Column;
import dev.quarry.Id;
import dev.quarry.Table;

@Table
public record DuplicateColumn(@Id long id, String name,
    @Column("name") String otherName) {}
