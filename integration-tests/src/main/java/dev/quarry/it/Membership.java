package dev.quarry.it;

import dev.quarry.Id;
import dev.quarry.Table;
import dev.quarry.UniqueKey;

/** A composite primary key and a composite unique key. */
@Table
@UniqueKey({"tenantId", "email"})
public record Membership(@Id long tenantId, @Id String userName, String email, Role role) {
  public enum Role { OWNER, EDITOR, VIEWER }
}
