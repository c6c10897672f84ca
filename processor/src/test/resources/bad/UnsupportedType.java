package bad;

import dev.quarry.Id;
import dev.quarry.Table;
import java.util.Map;

@Table
public record UnsupportedType(@Id long id,
    Map<String, Object> attributes) {}
