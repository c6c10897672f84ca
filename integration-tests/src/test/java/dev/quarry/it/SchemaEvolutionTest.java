package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.Database;
import dev.quarry.runtime.MigrationPlan;
import dev.quarry.runtime.Schema;
import dev.quarry.runtime.SchemaMismatchException;
import dev.quarry.runtime.TableDefinition;
import dev.quarry.runtime.UniqueViolationException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each kind of change between two versions of a record: what {@code diff} says, what {@code plan}
 * does about it, that {@code migrate} leaves nothing to say, and that the new DAO works.
 */
class SchemaEvolutionTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static final String LOCK = "SET lock_timeout = '3000ms'";

  static final String TEAM = "@Table(\"teams\") record Team(@Id long id) {}";
  static final String MEMBER = "@Table(\"members_v\") record Member(@Id long id) {}";

  /** The records before the change; each test has its own table. One compilation serves all. */
  static final Versions V1 = compile(
      "@Table(\"people\") record Person(@Id long id, String name) {}",
      "@Table(\"notes_v\") record Note(@Id long id, String body) {}",
      TEAM,
      "@Table(\"players\") record Player(@Id long id, long teamId, String email, @Nullable String nick, int rating) {}",
      "@Table(\"cards\") record Card(@Id long id, String title, String legacy) {}",
      "@Table(\"codes\") record Code(@Id long id, int amount, @Column(type = \"varchar(5)\") String code) {}",
      MEMBER,
      "@Table(\"handles\") record Handle(@Id long id, String name) {}");

  /** The same records after the change. */
  static final Versions V2 = compile(
      "@Table(\"people\") record Person(@Id long id, String name, @Nullable String phone) {}",
      "@Table(\"notes_v\") @Timestamps record Note(@Id long id, String body, Instant createdAt, Instant updatedAt) {}",
      TEAM,
      "@Table(\"players\") @Index({\"rating\"}) @Check(\"rating >= 0\") record Player(@Id long id, "
          + "@ForeignKey(references = Team.class) long teamId, @Unique String email, String nick, int rating) {}",
      "@Table(\"cards\") record Card(@Id long id, String title) {}",
      "@Table(\"codes\") record Code(@Id long id, long amount, @Column(type = \"varchar(8)\") String code) {}",
      MEMBER,
      "@Table(\"visits\") @Partitioned(by = \"at\", premake = 2) @Check(\"hits > 0\") record Visit(@Id long id, "
          + "@Id Instant at, @ForeignKey(references = Member.class) long memberId, int hits) {}",
      "@Table(\"handles\") record Handle(@Id long id, @Unique String name) {}");

  private static Versions compile(String... sources) {
    try {
      return Versions.compile(sources);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Database db() {
    return pg.db();
  }

  /** Creates the "before" table with some rows, and checks it matches its own record exactly. */
  static void before(Versions v, String record, String fill) {
    pg.apply(v.statements(record));
    if (fill != null) {
      pg.sql(fill);
    }
    assertEquals(List.of(), Schema.diff(db(), List.of(v.definition(record))), "a fresh table matches its record");
  }

  static void migrated(List<TableDefinition> after) {
    Schema.migrate(db(), after);
    assertEquals(List.of(), Schema.diff(db(), after));
    Schema.verify(db(), after);
    assertTrue(Schema.plan(db(), after).isEmpty(), "planning again finds nothing");
  }

  @Test
  void aNewNullableColumnIsAddedAndTheDaoWritesIt() throws Exception {
    before(V1, "Person", "INSERT INTO people SELECT g, 'n' || g FROM generate_series(1, 1000) g");
    List<TableDefinition> after = List.of(V2.definition("Person"));

    List<String> differences = List.of("table people: column phone is missing (expected text)");
    assertEquals(differences, Schema.diff(db(), after));
    SchemaMismatchException e = assertThrows(SchemaMismatchException.class, () -> Schema.verify(db(), after));
    assertEquals(differences, e.differences());
    assertTrue(e.getMessage().contains("column phone is missing"), e.getMessage());
    MigrationPlan plan = Schema.plan(db(), after);
    assertEquals(List.of(LOCK, "ALTER TABLE people ADD COLUMN IF NOT EXISTS phone text"), plan.statements());
    assertEquals(List.of(), plan.manualSteps());

    migrated(after);
    Object dao = V2.dao("Person", db());
    Object row = V2.row("Person", 5_000L, "Ada", "+44 20");
    Versions.call(dao, "insert", row);
    assertEquals(Optional.of(row), Versions.call(dao, "findById", 5_000L));
    assertEquals(1_001L, Versions.call(dao, "count"));
  }

  @Test
  void newNotNullColumnsWithADefaultNeedNoRewrite() throws Exception {
    before(V1, "Note", "INSERT INTO notes_v SELECT g, 'b' FROM generate_series(1, 500) g");
    List<TableDefinition> after = List.of(V2.definition("Note"));
    assertEquals(List.of(
        "table notes_v: column created_at is missing (expected timestamp with time zone NOT NULL)",
        "table notes_v: column updated_at is missing (expected timestamp with time zone NOT NULL)"),
        Schema.diff(db(), after));
    assertEquals(List.of(LOCK,
        "ALTER TABLE notes_v ADD COLUMN IF NOT EXISTS created_at timestamptz DEFAULT now() NOT NULL",
        "ALTER TABLE notes_v ADD COLUMN IF NOT EXISTS updated_at timestamptz DEFAULT now() NOT NULL"),
        Schema.plan(db(), after).statements());
    long relfile = (long) pg.value("SELECT relfilenode::bigint FROM pg_class WHERE oid = 'notes_v'::regclass");
    migrated(after);
    assertEquals(relfile, pg.value("SELECT relfilenode::bigint FROM pg_class WHERE oid = 'notes_v'::regclass"),
        "the table was not rewritten");
    assertEquals(0L, pg.value("SELECT count(*) FROM notes_v WHERE created_at IS NULL"));
  }

  @Test
  void indexesUniqueKeysForeignKeysChecksAndNotNullAreAddedWithoutLongLocks() throws Exception {
    before(V1, "Team", "INSERT INTO teams SELECT g FROM generate_series(1, 10) g");
    before(V1, "Player", "INSERT INTO players SELECT g, 1 + g % 10, 'p' || g || '@x', 'n', g FROM generate_series(1, 2000) g");
    List<TableDefinition> after = List.of(V2.definition("Team"), V2.definition("Player"));
    assertEquals(List.of(
        "table players: column nick allows null, the record expects NOT NULL",
        "table players: check constraint players_rating_check is missing",
        "table players: foreign key players_team_id_fkey is missing",
        "table players: unique index players_email_key is missing",
        "table players: index players_rating_idx is missing",
        "table players: index players_team_id_idx is missing"), Schema.diff(db(), after));
    assertEquals(List.of(LOCK,
        "ALTER TABLE players ADD CONSTRAINT players_nick_not_null CHECK (nick IS NOT NULL) NOT VALID",
        "ALTER TABLE players ADD CONSTRAINT players_rating_check CHECK (rating >= 0) NOT VALID",
        "ALTER TABLE players ADD CONSTRAINT players_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams (id) NOT VALID",
        "ALTER TABLE players VALIDATE CONSTRAINT players_nick_not_null",
        "ALTER TABLE players VALIDATE CONSTRAINT players_rating_check",
        "ALTER TABLE players VALIDATE CONSTRAINT players_team_id_fkey",
        "ALTER TABLE players ALTER COLUMN nick SET NOT NULL",
        "ALTER TABLE players DROP CONSTRAINT players_nick_not_null",
        "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS players_email_key ON players USING btree (email)",
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS players_rating_idx ON players USING btree (rating)",
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS players_team_id_idx ON players USING btree (team_id)"),
        Schema.plan(db(), after).statements());
    migrated(after);
    Object dao = V2.dao("Player", db());
    assertEquals(200, ((List<?>) Versions.call(dao, "findByTeamId", 3L)).size());
    assertTrue(((Optional<?>) Versions.call(dao, "findByEmail", "p7@x")).isPresent());
  }

  @Test
  void aDroppedColumnIsLeftForAPersonAndTheDaoStillWrites() throws Exception {
    before(V1, "Card", "INSERT INTO cards SELECT g, 't', 'old' FROM generate_series(1, 100) g");
    List<TableDefinition> after = List.of(V2.definition("Card"));
    assertEquals(List.of("table cards: column legacy is not in the record"), Schema.diff(db(), after));
    MigrationPlan plan = Schema.plan(db(), after);
    assertEquals(List.of(LOCK, "ALTER TABLE cards ALTER COLUMN legacy DROP NOT NULL"), plan.statements());
    assertEquals(1, plan.manualSteps().size());
    assertTrue(plan.manualSteps().get(0).contains("ALTER TABLE cards DROP COLUMN legacy"), plan.manualSteps().get(0));
    assertTrue(plan.script().contains("-- * table cards: column legacy is not dropped automatically"), plan.script());

    SchemaMismatchException e = assertThrows(SchemaMismatchException.class, () -> Schema.migrate(db(), after));
    assertEquals(plan.manualSteps(), e.differences());
    assertEquals(100L, pg.value("SELECT count(legacy) FROM cards"), "nothing destructive ran");
    Object dao = V2.dao("Card", db());
    Versions.call(dao, "insert", V2.row("Card", 1_000L, "new"));
    assertEquals(101L, Versions.call(dao, "count"));
  }

  @Test
  void aTypeChangeThatRewritesIsManualAndOneThatDoesNotIsDone() throws Exception {
    before(V1, "Code", "INSERT INTO codes SELECT g, g, 'c' FROM generate_series(1, 100) g");
    List<TableDefinition> after = List.of(V2.definition("Code"));
    assertEquals(List.of("table codes: column amount is integer, the record expects bigint",
        "table codes: column code is character varying(5), the record expects character varying(8)"),
        Schema.diff(db(), after));
    MigrationPlan plan = Schema.plan(db(), after);
    assertEquals(List.of(LOCK, "ALTER TABLE codes ALTER COLUMN code TYPE varchar(8)"), plan.statements());
    assertEquals(1, plan.manualSteps().size());
    assertTrue(plan.manualSteps().get(0).startsWith("table codes: changing column amount from integer to bigint "
        + "rewrites the table"), plan.manualSteps().get(0));
    assertThrows(SchemaMismatchException.class, () -> Schema.migrate(db(), after));
    assertEquals(List.of("table codes: column amount is integer, the record expects bigint"), Schema.diff(db(), after));
  }

  @Test
  void typesCompareAsPostgresqlNormalisesThem() {
    pg.sql("CREATE TABLE norm (id int8 PRIMARY KEY, n int4 NOT NULL, flag bool NOT NULL, at timestamptz NOT NULL)");
    TableDefinition expected = new TableDefinition("norm", List.of(
        new TableDefinition.Column("id", "bigint", false, Optional.empty(), false, Optional.empty()),
        new TableDefinition.Column("n", "integer", false, Optional.empty(), false, Optional.empty()),
        new TableDefinition.Column("flag", "boolean", false, Optional.empty(), false, Optional.empty()),
        new TableDefinition.Column("at", "timestamp with time zone", false, Optional.empty(), false, Optional.empty())),
        "norm_pkey", List.of("id"), List.of(), List.of(), List.of(), Optional.empty(), List.of());
    assertEquals(List.of(), Schema.diff(db(), List.of(expected)));
  }

  @Test
  void aNewRangeTableComesWithTheCurrentWindowOfPartitions() throws Exception {
    before(V1, "Member", "INSERT INTO members_v VALUES (1)");
    List<TableDefinition> after = List.of(V2.definition("Visit"), V2.definition("Member"));
    assertEquals(List.of("table visits is missing"), Schema.diff(db(), after));
    MigrationPlan plan = Schema.plan(db(), after);
    assertEquals(3, plan.statements().stream().filter(s -> s.contains("PARTITION OF visits")).count(), plan.script());
    migrated(after);
    Object dao = V2.dao("Visit", db());
    Object row = V2.row("Visit", 1L, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS), 1L, 3);
    Versions.call(dao, "insert", row);
    assertEquals(1L, Versions.call(dao, "count"));
  }

  @Test
  void anInvalidIndexLeftByAFailedBuildIsDroppedAndRebuilt() throws Exception {
    before(V1, "Handle", "INSERT INTO handles SELECT g, 'h' || (g % 50) FROM generate_series(1, 100) g");
    List<TableDefinition> after = List.of(V2.definition("Handle"));
    assertThrows(UniqueViolationException.class, () -> Schema.migrate(db(), after));
    assertEquals(List.of("table handles: unique index handles_name_key is invalid (a build that did not finish)"),
        Schema.diff(db(), after));
    pg.sql("DELETE FROM handles WHERE id > 50");
    assertEquals(List.of(LOCK, "DROP INDEX CONCURRENTLY IF EXISTS handles_name_key",
        "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS handles_name_key ON handles USING btree (name)"),
        Schema.plan(db(), after).statements());
    migrated(after);
    assertFalse(Schema.plan(db(), after).needsNoTransaction());
  }
}
