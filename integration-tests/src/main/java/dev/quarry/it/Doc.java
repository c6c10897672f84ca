package dev.quarry.it;

import dev.quarry.Column;
import dev.quarry.Id;
import dev.quarry.Identity;
import dev.quarry.Table;

/** A jsonb document: custom SQL with jsonb's ? operators, single-row contracts and batches. */
@Table("docs")
public record Doc(@Id @Identity Long id, String title, @Column(type = "jsonb") String meta) {}
