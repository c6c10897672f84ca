package bad;

import dev.quarry.Id;
import dev.quarry.Index;
import dev.quarry.Table;

@Table("index_where_two_statements")
@Index(value = "code", where = "code <> '' ; DROP TABLE victim")
public record IndexWhereTwoStatements(@Id long id, String code) {}
