package bad;

import dev.quarry.Column;
import dev.quarry.Id;
import dev.quarry.Table;

@Table("column_type_clause")
public record ColumnTypeClause(@Id long id, @Column(type = "text DEFAULT 'x'") String label) {}
