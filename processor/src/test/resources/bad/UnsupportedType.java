package bad;

import dev.quarry.Id;
import dev.quarry.Table;
import java.util.List;

@Table
public record UnsupportedType(@Id long id,
    List<String> tags) {}
