package bad;

import dev.quarry.Id;
import dev.quarry.Table;

@Table
public record GenericRecord<T>(@Id long id) {}
