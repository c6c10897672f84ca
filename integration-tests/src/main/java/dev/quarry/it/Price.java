package dev.quarry.it;

import dev.quarry.Id;
import dev.quarry.Table;
import dev.quarry.Unique;
import java.math.BigDecimal;

/** A numeric unique key: 8.1 and 8.10 are one key to PostgreSQL, two to Java. */
@Table("prices")
public record Price(@Id long id, @Unique BigDecimal price, String label) {}
