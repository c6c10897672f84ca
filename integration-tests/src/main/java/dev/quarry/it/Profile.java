package dev.quarry.it;

import dev.quarry.Column;
import dev.quarry.Id;
import dev.quarry.Identity;
import dev.quarry.Index;
import dev.quarry.Table;
import dev.quarry.Unique;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** JSON documents of records, maps and lists, written and read with the database's JSON codec. */
@Table("profiles")
@Index("attributes")
public record Profile(
    @Id @Identity Long id,
    @Unique String handle,
    @Column(type = "jsonb") Settings settings,
    @Column(type = "jsonb") Map<String, Object> attributes,
    @Column(type = "jsonb") List<Settings> history,
    @Column(type = "jsonb") @Nullable Settings previous,
    @Column(type = "json") Map<String, Integer> counts) {

  /** A nested record, java.time included. */
  public record Settings(String theme, int fontSize, @Nullable Instant since, List<String> tags) {}
}
