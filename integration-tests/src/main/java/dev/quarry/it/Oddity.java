package dev.quarry.it;

import dev.quarry.Column;
import dev.quarry.Id;
import dev.quarry.Index;
import dev.quarry.Table;
import dev.quarry.Timestamps;
import java.time.Instant;

/** Names that would break generated Javadoc, SQL or a dollar quote if any were pasted unescaped. */
@Table("a*/b \"q\" $quarry$ ;-- \\u002a/")
@Timestamps(updated = "touched", trigger = true)
@Index(value = "value", where = "\"x; DROP TABLE y --\" <> ';--'")
public record Oddity(@Id long id, @Column("x; DROP TABLE y --") String value, @Column("$quarry$") Instant touched,
    Instant createdAt) {}
