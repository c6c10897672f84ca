package dev.quarry.it;

import dev.quarry.Column;
import dev.quarry.Id;
import dev.quarry.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Every supported Java type, required and nullable. */
@Table("all_types")
public record AllTypes(
    @Id long id,
    boolean flag,
    short small,
    int number,
    long big,
    float real,
    double precise,
    BigDecimal amount,
    String text,
    UUID uuid,
    Instant instant,
    OffsetDateTime offsetDateTime,
    LocalDateTime localDateTime,
    LocalDate localDate,
    LocalTime localTime,
    byte[] bytes,
    Color color,
    @Column(value = "doc", type = "jsonb") String json,
    @Nullable Boolean maybeFlag,
    @Nullable Short maybeSmall,
    @Nullable Integer maybeNumber,
    @Nullable Long maybeBig,
    @Nullable Float maybeReal,
    @Nullable Double maybePrecise,
    @Nullable BigDecimal maybeAmount,
    @Nullable String maybeText,
    @Nullable UUID maybeUuid,
    @Nullable Instant maybeInstant,
    @Nullable LocalDate maybeLocalDate,
    byte @Nullable [] maybeBytes,
    @Nullable Color maybeColor) {}
