package bad;

import dev.quarry.Column;
import dev.quarry.Id;
import dev.quarry.Table;

@Table("column_type_injection")
public record ColumnTypeInjection(
    @Id long id,
    @Column(type = "text); DROP TABLE victim; CREATE TABLE zz (id int, w text") String payload) {}
