package dev.quarry.it;

import dev.quarry.Id;
import dev.quarry.Table;

/** A seat by section and number: a key of a smallint and an integer. */
@Table("seats")
public record Seat(@Id short section, @Id int number, String holder) {}
