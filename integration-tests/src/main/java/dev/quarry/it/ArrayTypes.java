package dev.quarry.it;

import dev.quarry.Column;
import dev.quarry.Id;
import dev.quarry.Index;
import dev.quarry.Table;
import dev.quarry.Unique;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An array of every supported element type, as a List or a Java array, required and nullable. */
@Table("array_types")
@Index("tags")
@Index(value = "longs", using = "gin")
public record ArrayTypes(
    @Id long id,
    @Unique String name,
    List<String> tags,
    List<Boolean> flags,
    short[] smalls,
    int[] ints,
    List<Long> longs,
    float[] reals,
    List<Double> doubles,
    List<BigDecimal> amounts,
    String[] texts,
    List<UUID> uuids,
    List<Instant> instants,
    OffsetDateTime[] offsets,
    List<LocalDateTime> localDateTimes,
    List<LocalDate> dates,
    LocalTime[] times,
    List<Duration> durations,
    List<Color> colors,
    @Column(type = "task_status[]") List<TaskStatus> statuses,
    @Column(type = "varchar(20)[]") List<String> codes,
    List<@Nullable String> sparse,
    @Nullable Long @Nullable [] sparseLongs,
    @Nullable List<Long> maybeLongs) {}
