package dev.quarry.it;

import dev.quarry.Id;
import dev.quarry.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** Log lines: bulk-loaded text full of tabs, quotes and newlines. */
@Table("log_lines")
public record LogLine(@Id long id, String message, @Nullable String detail, Instant at,
    @Nullable Long value, @Nullable BigDecimal amount) {}
