package dev.quarry.it;

import dev.quarry.Column;
import dev.quarry.Queries;
import dev.quarry.Sql;
import java.util.List;

/** Documents in custom SQL: a containment filter and a projection with a document component. */
@Queries(Profile.class)
public interface ProfileQueries {
  /** A projection with a document component. */
  record Theme(String handle, @Column(type = "jsonb") Profile.Settings settings) {}

  @Sql("SELECT * FROM profiles WHERE attributes @> CAST(:filter AS jsonb) ORDER BY id")
  List<Profile> withAttributes(String filter);

  @Sql("SELECT handle, settings FROM profiles ORDER BY id")
  List<Theme> themes();
}
