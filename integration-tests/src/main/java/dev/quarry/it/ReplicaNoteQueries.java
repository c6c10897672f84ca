package dev.quarry.it;

import dev.quarry.Queries;
import dev.quarry.Sql;

/** Which server answered a read: a standby is in recovery, the primary is not. */
@Queries(ReplicaNote.class)
public interface ReplicaNoteQueries {
  @Sql("SELECT pg_is_in_recovery()")
  boolean servedByStandby();

  @Sql("SELECT nextval(pg_get_serial_sequence('replica_notes', 'id'))")
  long nextId();
}
