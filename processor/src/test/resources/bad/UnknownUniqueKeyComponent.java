package bad;

import dev.quarry.Id;
import dev.quarry.Table;
import dev.quarry.UniqueKey;

@Table
@UniqueKey({"tenantId", "mail"})
public record UnknownUniqueKeyComponent(@Id long id, long tenantId, String email) {}
