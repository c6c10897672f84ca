package shop;

import dev.quarry.Column;
import dev.quarry.Id;
import dev.quarry.Identity;
import dev.quarry.Table;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/** A table with a column of each kind a parameter meets: enums, interval, arrays, jsonb, uuid. */
final class Jobs {
  private Jobs() {}
}

enum Status { OPEN, DONE }

/** An enum stored as text; none of its names is a Status label. */
enum Color { RED, GREEN }

@Table("jobs")
record Job(@Id @Identity Long id, String title, @Column(type = "job_status") Status status,
    @Column(type = "job_status") @Nullable Status previous, Color color, Duration timeout, @Nullable Duration grace,
    List<String> tags, List<Status> stages, UUID ref, LocalDate due, BigDecimal price, @Nullable byte[] blob,
    @Column(type = "jsonb") String data, Instant createdAt, @Nullable LocalTime at, @Column(type = "char(3)") String code) {}
