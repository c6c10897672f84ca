package dev.quarry.it;

import dev.quarry.Column;
import dev.quarry.Id;
import dev.quarry.Table;
import dev.quarry.UniqueKey;

/** A composite unique key with a nullable part, and a declared length. */
@Table("slots")
@UniqueKey({"tenant", "code"})
public record Slot(@Id long id, long tenant, @Nullable @Column(type = "varchar(5)") String code, String label) {}
