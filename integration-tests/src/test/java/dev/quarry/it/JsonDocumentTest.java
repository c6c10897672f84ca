package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.quarry.runtime.DataException;
import dev.quarry.runtime.Database;
import dev.quarry.runtime.JacksonJsonCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Records, maps and lists as jsonb (and json) documents, on every write path and in custom SQL. */
class JsonDocumentTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static ProfileDao dao;

  @BeforeAll
  static void schema() {
    pg.apply(ProfileSchema.statements());
    dao = new ProfileDao(pg.db());
  }

  @BeforeEach
  void empty() {
    pg.sql("TRUNCATE profiles");
  }

  static Profile profile(long id) {
    Profile.Settings settings = new Profile.Settings("dark \"quoted\" ünï", (int) id, Instant.parse("2026-01-02T03:04:05.123456Z"),
        List.of("a", "b\\c"));
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("plan", id % 2 == 0 ? "pro" : "free");
    attributes.put("seats", (int) id);
    attributes.put("ratio", 0.5);
    attributes.put("nested", Map.of("k", List.of(1, 2)));
    attributes.put("nothing", null);
    return new Profile(id, "h" + id, settings, attributes, id % 3 == 0 ? List.of() : List.of(settings, settings),
        id % 2 == 0 ? null : settings, Map.of("visits", (int) id * 10));
  }

  static List<Profile> rows() {
    List<Profile> rows = new ArrayList<>();
    for (long id = 1; id <= 4; id++) {
      rows.add(profile(id));
    }
    return rows;
  }

  @Test
  void everyWritePathStoresTheSameDocuments() {
    Map<String, Function<List<Profile>, List<Profile>>> paths = new LinkedHashMap<>();
    paths.put("insert", in -> in.stream().map(dao::insert).toList());
    paths.put("upsert", in -> in.stream().map(dao::upsert).toList());
    paths.put("upsertByHandle", in -> in.stream().map(dao::upsertByHandle).toList());
    paths.put("insertAll", in -> { dao.insertAll(in); return readAll(in); });
    paths.put("upsertAll", in -> { dao.upsertAll(in); return readAll(in); });
    paths.put("upsertAllByHandle", in -> { dao.upsertAllByHandle(in); return readAll(in); });
    paths.put("insertAllReturning", dao::insertAllReturning);
    paths.put("update", in -> {
      dao.insertAll(in.stream().map(p -> new Profile(p.id(), p.handle(), p.settings(), Map.of(), List.of(), null,
          Map.of())).toList());
      return in.stream().map(p -> dao.update(p).orElseThrow()).toList();
    });
    for (var path : paths.entrySet()) {
      pg.sql("TRUNCATE profiles");
      List<Profile> in = rows();
      assertEquals(in, path.getValue().apply(in), path.getKey());
      assertEquals(in, readAll(in), path.getKey() + ", read back");
      assertEquals(in, List.copyOf(dao.findByIds(in.stream().map(Profile::id).toList()).values()), path.getKey());
    }
  }

  @Test
  void documentsAreJsonPostgresCanQuery() {
    dao.insertAll(rows());
    assertEquals("jsonb json", pg.value("SELECT pg_typeof(settings)::text || ' ' || pg_typeof(counts)::text FROM profiles LIMIT 1"));
    assertEquals(2L, pg.value("SELECT (settings->>'fontSize')::bigint FROM profiles WHERE id = 2"));
    assertEquals("2026-01-02T03:04:05.123456Z", pg.value("SELECT settings->>'since' FROM profiles WHERE id = 2"));
    assertEquals(true, pg.value("SELECT previous IS NULL FROM profiles WHERE id = 2"));
    assertEquals("null", pg.value("SELECT jsonb_typeof(attributes->'nothing') FROM profiles WHERE id = 2"));
  }

  @Test
  void customSqlFiltersAndProjectsDocuments() {
    List<Profile> in = rows();
    dao.insertAll(in);
    assertEquals(List.of(in.get(1), in.get(3)), dao.withAttributes("{\"plan\": \"pro\"}"));
    List<ProfileQueries.Theme> themes = dao.themes();
    assertEquals(in.get(0).settings(), themes.get(0).settings());
    assertEquals("h1", themes.get(0).handle());
  }

  @Test
  void containmentIsAnsweredFromTheGinIndex() {
    assertEquals("gin", pg.value("SELECT am.amname FROM pg_class c JOIN pg_am am ON am.oid = c.relam "
        + "WHERE c.relname = 'profiles_attributes_idx' AND c.relnamespace = current_schema()::regnamespace"));
    List<Profile> many = new ArrayList<>();
    for (long id = 1; id <= 2000; id++) {
      Profile p = profile(id);
      Map<String, Object> attributes = new LinkedHashMap<>(p.attributes());
      attributes.put("bucket", id % 100);
      many.add(new Profile(id, p.handle(), p.settings(), attributes, List.of(), null, Map.of()));
    }
    dao.insertAll(many);
    pg.sql("VACUUM ANALYZE profiles"); // merges the GIN pending list the bulk load filled
    String plan = pg.db().withConnection(c -> {
      StringBuilder b = new StringBuilder();
      try (var s = c.createStatement();
          var rs = s.executeQuery("EXPLAIN " + ProfileDao.QUERY_WITH_ATTRIBUTES.replace("?", "'{\"bucket\": 7}'"))) {
        while (rs.next()) {
          b.append(rs.getString(1)).append('\n');
        }
      }
      return b.toString();
    });
    assertTrue(plan.contains("profiles_attributes_idx"), plan);
    assertEquals(20, dao.withAttributes("{\"bucket\": 7}").size());
  }

  @Test
  void theApplicationsMapperIsUsedWhenGiven() {
    ObjectMapper snake = new ObjectMapper().findAndRegisterModules()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    Database db = Database.of(pg.dataSource()).json(JacksonJsonCodec.of(snake));
    ProfileDao snakeDao = new ProfileDao(db);
    Profile p = snakeDao.insert(profile(1));
    assertEquals(profile(1), p);
    assertEquals(1L, pg.value("SELECT (settings->>'font_size')::bigint FROM profiles WHERE id = 1"));
    IllegalStateException twice = assertThrows(IllegalStateException.class, () -> db.json(JacksonJsonCodec.defaults()));
    assertTrue(twice.getMessage().contains("once"), twice.getMessage());
  }

  @Test
  void aDocumentTheTypeCannotHoldIsADataExceptionWithoutItsText() {
    dao.insert(profile(1));
    pg.sql("UPDATE profiles SET settings = '{\"theme\": \"secret-value\", \"fontSize\": \"not a number\"}'");
    DataException e = assertThrows(DataException.class, () -> dao.findById(1L));
    assertTrue(e.getMessage().contains("settings"), e.getMessage());
    assertTrue(!e.getMessage().contains("secret-value") && !e.getMessage().contains("not a number"), e.getMessage());
  }

  static List<Profile> readAll(List<Profile> in) {
    return in.stream().map(p -> dao.findById(p.id()).orElseThrow()).toList();
  }
}
