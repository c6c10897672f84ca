package dev.quarry.it;

import dev.quarry.Column;
import dev.quarry.Id;
import dev.quarry.Table;
import java.util.List;

/** {@code Double}s in {@code numeric} columns: PostgreSQL's cast keeps 15 digits of each. */
@Table("measures")
public record Measure(@Id @Column(type = "numeric") Double value, long n,
    @Column(type = "numeric[]") List<Double> readings) {}
