package bad;

import dev.quarry.Id;
import dev.quarry.Table;

@Table("a_table_name_that_is_far_too_long_for_postgresql_which_allows_63_bytes")
public record TableNameTooLong(@Id long id) {}
