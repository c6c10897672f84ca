package dev.quarry.bench;

import dev.quarry.Id;
import dev.quarry.KeysetPaged;
import dev.quarry.Table;
import java.time.Instant;

/** A feed, newest first: the keyset order and its index come from the annotation. */
@Table("bench_posts")
@KeysetPaged({"createdAt", "id"})
public record BenchPost(@Id long id, Instant createdAt, String title) {}
