package dev.quarry.it;

import dev.quarry.Check;
import dev.quarry.Id;
import dev.quarry.Identity;
import dev.quarry.Table;
import java.time.Instant;

/** Table and column CHECK constraints, named and derived. */
@Table("bookings")
@Check(value = "ends_at > starts_at", name = "bookings_period_check")
@Check("seats <= 4 OR note <> ''")
public record Booking(
    @Id @Identity Long id,
    Instant startsAt,
    Instant endsAt,
    @Check("seats BETWEEN 1 AND 12") int seats,
    @Check("note !~ '[;]' AND length(note) < 200 /* no separators (;) in notes */") String note) {}
