package bad;

import dev.quarry.Table;

@Table
public class NotARecord {
  long id;
}
