package names;

import dev.quarry.Column;
import dev.quarry.ForeignKey;
import dev.quarry.Id;
import dev.quarry.Identity;
import dev.quarry.Index;
import dev.quarry.KeysetPaged;
import dev.quarry.Queries;
import dev.quarry.Sql;
import dev.quarry.Table;
import dev.quarry.Unique;
import dev.quarry.UniqueKey;
import java.util.List;
import java.util.UUID;

/** Every name generated code uses for itself, chosen by the user instead. */
@Table("a*/b \\u002a/ {@code } <i> \" $quarry$")
@UniqueKey({"ps", "rs"})
@KeysetPaged({"c", "id"})
@Index(value = "keyed", where = "keyed <> 'x;y' AND \"found\" IS NOT NULL")
public record HostileNames(
    @Id @Identity Long id,
    @Unique String db,
    String ps,
    String rs,
    long c,
    @Column("found") String keyed,
    String row,
    String rows,
    String ids,
    String out,
    String items,
    String Objects,
    String Jdbc) {

  @Queries(HostileNames.class)
  public interface HostileQueries {
    @Sql("SELECT * FROM \"a*/b \\u002a/ {@code } <i> \"\" $quarry$\" WHERE db = :db AND ps = :ps AND c = :c")
    List<HostileNames> byAll(String db, String ps, long c);

    @Sql("UPDATE \"a*/b \\u002a/ {@code } <i> \"\" $quarry$\" SET \"row\" = :Objects WHERE id = :Jdbc")
    int touch(String Objects, long Jdbc);
  }
}

@Table("hostile_children")
record HostileChild(@Id UUID id, @ForeignKey(references = HostileNames.class) long db, String ps) {}
