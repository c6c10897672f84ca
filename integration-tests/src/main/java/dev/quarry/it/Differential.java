package dev.quarry.it;

import dev.quarry.Column;
import dev.quarry.Id;
import dev.quarry.Table;
import dev.quarry.Unique;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One nullable column per supported type, for the write-path differential test: a value is
 * written into its column through every path and read back. A new type is one component here,
 * its parameter in {@link DifferentialQueries#writeAll}, and one generator in the test's table.
 * {@code code8} is a domain over {@code varchar(8)} the test creates first: Quarry does not know
 * its length, and PostgreSQL's own rule must hold on every path.
 */
@Table("differential")
public record Differential(
    @Id long id,
    @Unique String tag,
    @Nullable Boolean bool,
    @Nullable Short int2,
    @Nullable Integer int4,
    @Nullable Long int8,
    @Nullable Float float4,
    @Nullable Double float8,
    @Nullable @Column(type = "numeric") Double float8Numeric,
    @Nullable BigDecimal numeric,
    @Nullable @Column(type = "numeric(12,3)") BigDecimal numeric12x3,
    @Nullable String text,
    @Nullable @Column(type = "varchar(8)") String varchar8,
    @Nullable @Column(type = "code8") String code8,
    @Nullable @Column(type = "jsonb") String jsonb,
    @Nullable UUID uuid,
    @Nullable Instant instant,
    @Nullable OffsetDateTime offsetDateTime,
    @Nullable LocalDateTime localDateTime,
    @Nullable LocalDate localDate,
    @Nullable LocalTime localTime,
    byte @Nullable [] bytes,
    @Nullable Color color,
    @Nullable Duration duration,
    @Nullable @Column(type = "task_status") TaskStatus status,
    long @Nullable [] int8s,
    @Nullable String @Nullable [] texts,
    @Nullable Instant @Nullable [] instants,
    @Nullable @Column(type = "code8[]") String @Nullable [] codes,
    @Nullable @Column(type = "numeric[]") Double @Nullable [] float8sNumeric) {}
