package dev.quarry.it;

import dev.quarry.Column;
import dev.quarry.Id;
import dev.quarry.Identity;
import dev.quarry.Index;
import dev.quarry.Table;
import dev.quarry.Unique;
import java.time.Duration;

/** A Duration as interval and an enum as a PostgreSQL enum type, required and nullable. */
@Table("tasks")
@Index("status")
@Index(value = "timeout", using = "brin")
public record Task(
    @Id @Identity Long id,
    @Unique String name,
    Duration timeout,
    @Nullable Duration grace,
    @Column(type = "task_status") TaskStatus status,
    @Column(value = "was", type = "task_status") @Nullable TaskStatus previous) {}
