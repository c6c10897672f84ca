package bad;

import dev.quarry.Column;
import dev.quarry.Id;
import dev.quarry.Table;
import java.time.Instant;

@Table("instant_on_timestamp")
public record InstantOnTimestamp(@Id long id, @Column(type = "timestamp(3)") Instant at) {}
