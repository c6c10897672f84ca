package dev.quarry.it;

import dev.quarry.Id;
import dev.quarry.KeysetPaged;
import dev.quarry.Table;
import java.util.UUID;

/** An ascending keyset over an int and a UUID key. */
@Table("tickets")
@KeysetPaged(value = {"priority", "title", "id"}, descending = false)
public record Ticket(@Id UUID id, int priority, String title, Color color) {}
