package dev.quarry.it;

import dev.quarry.Column;
import dev.quarry.Id;
import dev.quarry.Identity;
import dev.quarry.Table;

/** A column type Quarry has no binary encoder for (inet): bulk loads stage it as text. */
@Table("hosts")
public record Host(@Id @Identity Long id, @Column(type = "inet") String address, @Column(type = "varchar(20)") String name) {}
