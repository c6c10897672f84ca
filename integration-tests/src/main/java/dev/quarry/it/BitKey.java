package dev.quarry.it;

import dev.quarry.Column;
import dev.quarry.Id;
import dev.quarry.Table;

/** A key of a bit string type, whose length an explicit cast would apply by cutting. */
@Table("bit_keys")
public record BitKey(@Id @Column(type = "varbit(40)") String bits, long n) {}
