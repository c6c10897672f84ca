package dev.quarry.it;

import dev.quarry.Queries;
import dev.quarry.Sql;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Statements as people write them: jsonb ? operators beside literals, casts, slices and comments. */
@Queries(Doc.class)
public interface DocQueries {
  @Sql("SELECT * FROM docs WHERE meta ? :key ORDER BY id")
  List<Doc> withKey(String key);

  @Sql("SELECT * FROM docs WHERE meta ?| ARRAY['a', 'b'] AND title <> 'what? :no' ORDER BY id")
  List<Doc> withAOrB();

  @Sql("SELECT * FROM docs WHERE meta ?& :keys::text[] ORDER BY id")
  List<Doc> withAll(Collection<String> keys);

  @Sql("SELECT id FROM docs WHERE meta @? '$.n ? (@ > 1)' AND jsonb_path_exists(meta, '$.n ? (@ > $min)', "
      + "jsonb_build_object('min', :min::int)) ORDER BY id")
  List<Long> withNAbove(int min);

  /** Every construct at once; the result shows each was sent as written. */
  @Sql("""
      SELECT title || ' ?:' || (meta ? 'a')::text -- a comment with ? and :x
             || $$ :x ? $$ || $q$'?'$q$ || E'\\' :y ?' || "title" /* ? /* :z */ ? */
             || (string_to_array(title, ' '))[1:1]::text
             || (string_to_array(:words, ' '))[2:2]::text
      FROM docs WHERE id = :id""")
  Optional<String> label(long id, String words);

  @Sql("SELECT * FROM docs WHERE title LIKE :prefix || '%' ORDER BY id")
  Optional<Doc> byPrefix(String prefix);

  @Sql("SELECT * FROM docs WHERE title LIKE :prefix || '%' ORDER BY id")
  Doc oneByPrefix(String prefix);

  @Sql("SELECT count(*) FROM docs WHERE title LIKE :prefix || '%'")
  long countByPrefix(String prefix);

  @Sql("DELETE FROM docs WHERE title LIKE :prefix || '%' RETURNING *")
  Optional<Doc> deleteByPrefix(String prefix);

  @Sql("UPDATE docs SET title = :title WHERE id = :id")
  int[] retitle(Collection<Doc> docs);

  @Sql("UPDATE docs SET title = :title || :suffix WHERE id = :id AND meta ? 'a'")
  int[] retitleMarked(List<Doc> docs, String suffix);

  @Sql("INSERT INTO docs (title, meta) VALUES (:title, :meta::jsonb)")
  void insertEach(Collection<Doc> docs);
}
