package golden;

import dev.quarry.runtime.Cursor;
import dev.quarry.runtime.Database;
import dev.quarry.runtime.InvalidCursorException;
import dev.quarry.runtime.OptimisticLockException;
import dev.quarry.runtime.Page;
import dev.quarry.runtime.QuarryException;
import dev.quarry.runtime.Slice;
import dev.quarry.runtime.UniqueViolationException;
import dev.quarry.runtime.internal.Binder;
import dev.quarry.runtime.internal.Binds;
import dev.quarry.runtime.internal.Bulk;
import dev.quarry.runtime.internal.CopyEncoder;
import dev.quarry.runtime.internal.CursorCodec;
import dev.quarry.runtime.internal.Jdbc;
import dev.quarry.runtime.internal.LastGiven;
import dev.quarry.runtime.internal.Reads;
import dev.quarry.runtime.internal.Slices;
import dev.quarry.runtime.internal.StagedUpsert;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.processing.Generated;

/**
 * Data access for {@link Article}, stored in the table {@code articles}.
 *
 * <p>Each method runs one of the SQL constants below, on the transaction's connection when the
 * calling thread is inside {@link Database#transaction}, else on a connection of its own. Failures
 * are thrown as {@link QuarryException} subclasses that name the method and statement.
 * Instances hold no state but the database and are safe to share between threads.
 */
@Generated(
    value = "dev.quarry.processor.QuarryProcessor",
    comments = "Generated from the record's annotations; edit the record, not this file"
)
public class ArticleDao {
  /**
   * The select list, in the order {@code map} reads it.
   */
  public static final String COLUMNS = "id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at";

  /**
   * {@link #findById}: one row by primary key.
   */
  public static final String FIND_BY_ID = "SELECT id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at\n"
      + "FROM articles\n"
      + "WHERE id = ? AND deleted_at IS NULL";

  /**
   * {@link #FIND_BY_ID} for {@link #includingDeleted()}: deleted rows too.
   */
  public static final String FIND_BY_ID_INCLUDING_DELETED = "SELECT id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at\n"
      + "FROM articles\n"
      + "WHERE id = ?";

  /**
   * {@link #findByIds}: one statement for any number of keys.
   */
  public static final String FIND_BY_IDS = "SELECT id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at\n"
      + "FROM articles\n"
      + "WHERE id = ANY(?) AND deleted_at IS NULL";

  /**
   * {@link #FIND_BY_IDS} for {@link #includingDeleted()}: deleted rows too.
   */
  public static final String FIND_BY_IDS_INCLUDING_DELETED = "SELECT id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at\n"
      + "FROM articles\n"
      + "WHERE id = ANY(?)";

  /**
   * {@link #count}: computed in PostgreSQL, no rows loaded.
   */
  public static final String COUNT = "SELECT count(*)\n"
      + "FROM articles\n"
      + "WHERE deleted_at IS NULL";

  /**
   * {@link #COUNT} for {@link #includingDeleted()}: deleted rows too.
   */
  public static final String COUNT_INCLUDING_DELETED = "SELECT count(*)\n"
      + "FROM articles";

  /**
   * {@link #existsById}: computed in PostgreSQL, no row loaded.
   */
  public static final String EXISTS_BY_ID = "SELECT EXISTS (\n"
      + "  SELECT 1 FROM articles WHERE id = ? AND deleted_at IS NULL)";

  /**
   * {@link #EXISTS_BY_ID} for {@link #includingDeleted()}: deleted rows too.
   */
  public static final String EXISTS_BY_ID_INCLUDING_DELETED = "SELECT EXISTS (\n"
      + "  SELECT 1 FROM articles WHERE id = ?)";

  /**
   * {@link #page}: an offset page in a deterministic order.
   */
  public static final String PAGE = "SELECT id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at\n"
      + "FROM articles\n"
      + "WHERE deleted_at IS NULL\n"
      + "ORDER BY published_at DESC, id DESC\n"
      + "LIMIT ? OFFSET ?";

  /**
   * {@link #PAGE} for {@link #includingDeleted()}: deleted rows too.
   */
  public static final String PAGE_INCLUDING_DELETED = "SELECT id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at\n"
      + "FROM articles\n"
      + "ORDER BY published_at DESC, id DESC\n"
      + "LIMIT ? OFFSET ?";

  /**
   * {@link #findByAuthorIdAndSlug}: one row by unique key.
   */
  public static final String FIND_BY_AUTHOR_ID_AND_SLUG = "SELECT id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at\n"
      + "FROM articles\n"
      + "WHERE author_id = ? AND slug = ? AND deleted_at IS NULL";

  /**
   * {@link #FIND_BY_AUTHOR_ID_AND_SLUG} for {@link #includingDeleted()}: deleted rows too.
   */
  public static final String FIND_BY_AUTHOR_ID_AND_SLUG_INCLUDING_DELETED = "SELECT id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at\n"
      + "FROM articles\n"
      + "WHERE author_id = ? AND slug = ?";

  /**
   * {@link #existsByAuthorIdAndSlug}: computed in PostgreSQL.
   */
  public static final String EXISTS_BY_AUTHOR_ID_AND_SLUG = "SELECT EXISTS (\n"
      + "  SELECT 1 FROM articles WHERE author_id = ? AND slug = ? AND deleted_at IS NULL)";

  /**
   * {@link #EXISTS_BY_AUTHOR_ID_AND_SLUG} for {@link #includingDeleted()}: deleted rows too.
   */
  public static final String EXISTS_BY_AUTHOR_ID_AND_SLUG_INCLUDING_DELETED = "SELECT EXISTS (\n"
      + "  SELECT 1 FROM articles WHERE author_id = ? AND slug = ?)";

  /**
   * {@link #findByAuthorId}: served by the index on the column.
   */
  public static final String FIND_BY_AUTHOR_ID = "SELECT id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at\n"
      + "FROM articles\n"
      + "WHERE author_id = ? AND deleted_at IS NULL\n"
      + "ORDER BY id";

  /**
   * {@link #FIND_BY_AUTHOR_ID} for {@link #includingDeleted()}: deleted rows too.
   */
  public static final String FIND_BY_AUTHOR_ID_INCLUDING_DELETED = "SELECT id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at\n"
      + "FROM articles\n"
      + "WHERE author_id = ?\n"
      + "ORDER BY id";

  /**
   * {@link #findByAuthorIdIn}: one statement for any number of keys.
   */
  public static final String FIND_BY_AUTHOR_ID_IN = "SELECT id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at\n"
      + "FROM articles\n"
      + "WHERE author_id = ANY(?) AND deleted_at IS NULL\n"
      + "ORDER BY author_id, id";

  /**
   * {@link #FIND_BY_AUTHOR_ID_IN} for {@link #includingDeleted()}: deleted rows too.
   */
  public static final String FIND_BY_AUTHOR_ID_IN_INCLUDING_DELETED = "SELECT id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at\n"
      + "FROM articles\n"
      + "WHERE author_id = ANY(?)\n"
      + "ORDER BY author_id, id";

  /**
   * {@link #insert}: the stored row returned.
   */
  public static final String INSERT = "INSERT INTO articles (id, author_id, slug, title, body, meta, published_at, version, deleted_at)\n"
      + "VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?)\n"
      + "RETURNING id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at";

  /**
   * {@link #insert} when PostgreSQL chooses the identity.
   */
  public static final String INSERT_IDENTITY = "INSERT INTO articles (author_id, slug, title, body, meta, published_at, version, deleted_at)\n"
      + "VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?)\n"
      + "RETURNING id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at";

  /**
   * Writes with an explicit identity value: keeps the identity's sequence past it.
   */
  public static final String ADVANCE_IDENTITY = "SELECT setval(s.seq, ?)\n"
      + "FROM (SELECT pg_get_serial_sequence('articles', 'id')::regclass AS seq) AS s\n"
      + "WHERE ? > coalesce(pg_sequence_last_value(s.seq), 0)";

  /**
   * {@link #update}: every non-key column, by key.
   */
  public static final String UPDATE = "UPDATE articles\n"
      + "SET author_id = ?, slug = ?, title = ?, body = ?, meta = CAST(? AS jsonb), published_at = ?, updated_at = now(), version = version + 1\n"
      + "WHERE id = ? AND version = ? AND deleted_at IS NULL\n"
      + "RETURNING id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at";

  /**
   * {@link #upsert}: atomic insert-or-update by primary key.
   */
  public static final String UPSERT = "INSERT INTO articles (id, author_id, slug, title, body, meta, published_at, version, deleted_at)\n"
      + "VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?)\n"
      + "ON CONFLICT (id) DO UPDATE\n"
      + "SET author_id = EXCLUDED.author_id, slug = EXCLUDED.slug, title = EXCLUDED.title, body = EXCLUDED.body, meta = EXCLUDED.meta, published_at = EXCLUDED.published_at, deleted_at = EXCLUDED.deleted_at, updated_at = now(), version = articles.version + 1\n"
      + "RETURNING id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at";

  /**
   * {@link #upsertByAuthorIdAndSlug}: atomic insert-or-update by unique key.
   */
  public static final String UPSERT_BY_AUTHOR_ID_AND_SLUG = "INSERT INTO articles (id, author_id, slug, title, body, meta, published_at, version, deleted_at)\n"
      + "VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?)\n"
      + "ON CONFLICT (author_id, slug) WHERE deleted_at IS NULL DO UPDATE\n"
      + "SET title = EXCLUDED.title, body = EXCLUDED.body, meta = EXCLUDED.meta, published_at = EXCLUDED.published_at, deleted_at = EXCLUDED.deleted_at, updated_at = now(), version = articles.version + 1\n"
      + "RETURNING id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at";

  /**
   * {@link #upsertByAuthorIdAndSlug} when PostgreSQL chooses the identity.
   */
  public static final String UPSERT_BY_AUTHOR_ID_AND_SLUG_IDENTITY = "INSERT INTO articles (author_id, slug, title, body, meta, published_at, version, deleted_at)\n"
      + "VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?)\n"
      + "ON CONFLICT (author_id, slug) WHERE deleted_at IS NULL DO UPDATE\n"
      + "SET title = EXCLUDED.title, body = EXCLUDED.body, meta = EXCLUDED.meta, published_at = EXCLUDED.published_at, deleted_at = EXCLUDED.deleted_at, updated_at = now(), version = articles.version + 1\n"
      + "RETURNING id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at";

  /**
   * {@link #delete}: by primary key.
   */
  public static final String DELETE = "UPDATE articles\n"
      + "SET deleted_at = now(), updated_at = now(), version = version + 1\n"
      + "WHERE id = ? AND deleted_at IS NULL";

  /**
   * {@link #delete(Article)}: by key and expected version.
   */
  public static final String DELETE_VERSIONED = "UPDATE articles\n"
      + "SET deleted_at = now(), updated_at = now(), version = version + 1\n"
      + "WHERE id = ? AND version = ? AND deleted_at IS NULL";

  /**
   * {@link #deleteByIds}: one statement for any number of keys.
   */
  public static final String DELETE_BY_IDS = "UPDATE articles\n"
      + "SET deleted_at = now(), updated_at = now(), version = version + 1\n"
      + "WHERE id = ANY(?) AND deleted_at IS NULL";

  /**
   * {@link #restore}: by primary key.
   */
  public static final String RESTORE = "UPDATE articles\n"
      + "SET deleted_at = NULL, updated_at = now(), version = version + 1\n"
      + "WHERE id = ? AND deleted_at IS NOT NULL";

  /**
   * {@link #purge}: by primary key.
   */
  public static final String PURGE = "DELETE FROM articles\n"
      + "WHERE id = ?";

  /**
   * Bulk writes: a staging table private to the transaction.
   */
  public static final String CREATE_STAGE = "CREATE TEMP TABLE quarry_stage_articles (id bigint, author_id bigint, slug text, title text, body text, meta jsonb, published_at timestamptz, version bigint, deleted_at timestamptz, quarry_ordinal bigint NOT NULL) ON COMMIT DROP";

  /**
   * Bulk writes: binary COPY into the staging table.
   */
  public static final String COPY_STAGE = "COPY quarry_stage_articles (quarry_ordinal, id, author_id, slug, title, body, meta, published_at, version, deleted_at) FROM STDIN (FORMAT binary)";

  /**
   * Bulk writes: drops the staging table once used.
   */
  public static final String DROP_STAGE = "DROP TABLE quarry_stage_articles";

  /**
   * Bulk writes: reserves identity values for rows whose id is null.
   */
  public static final String NEXT_IDENTITIES = "SELECT nextval((SELECT pg_get_serial_sequence('articles', 'id')::regclass))\n"
      + "FROM generate_series(1, ?)";

  /**
   * Bulk upserts ordered in Java: removes the staged rows that a later row of their key replaces.
   */
  public static final String REMOVE_REPLACED = "DELETE FROM quarry_stage_articles WHERE quarry_ordinal < 0";

  /**
   * {@link #insertAll}: binary COPY straight into the table.
   */
  public static final String COPY_IN = "COPY articles (id, author_id, slug, title, body, meta, published_at, version, deleted_at) FROM STDIN (FORMAT binary)";

  /**
   * {@link #insertAll} of rows without ids: the identity numbers them as COPY stores them.
   */
  public static final String COPY_IN_NEW = "COPY articles (author_id, slug, title, body, meta, published_at, version, deleted_at) FROM STDIN (FORMAT binary)";

  /**
   * {@link #insertAllReturning}: one INSERT over one array per column.
   */
  public static final String INSERT_ALL_RETURNING = "INSERT INTO articles (id, author_id, slug, title, body, meta, published_at, version, deleted_at)\n"
      + "SELECT s.id, s.author_id, s.slug, s.title, s.body, CAST(s.meta AS jsonb), s.published_at, s.version, s.deleted_at\n"
      + "FROM unnest(CAST(? AS int8[]), CAST(? AS int8[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS timestamptz[]), CAST(? AS int8[]), CAST(? AS timestamptz[])) WITH ORDINALITY AS s(id, author_id, slug, title, body, meta, published_at, version, deleted_at, quarry_ordinal)\n"
      + "ORDER BY s.quarry_ordinal\n"
      + "RETURNING id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at";

  /**
   * {@link #upsertAll}: staged rows, in key order, upserted.
   */
  public static final String UPSERT_ALL = "INSERT INTO articles (id, author_id, slug, title, body, meta, published_at, version, deleted_at)\n"
      + "SELECT id, author_id, slug, title, body, meta, published_at, version, deleted_at\n"
      + "FROM quarry_stage_articles AS quarry_last\n"
      + "ON CONFLICT (id) DO UPDATE\n"
      + "SET author_id = EXCLUDED.author_id, slug = EXCLUDED.slug, title = EXCLUDED.title, body = EXCLUDED.body, meta = EXCLUDED.meta, published_at = EXCLUDED.published_at, deleted_at = EXCLUDED.deleted_at, updated_at = now(), version = articles.version + 1";

  /**
   * {@link #upsertAll}: rows by their key, in PostgreSQL's order of it.
   */
  private static final Comparator<Article> KEY_ORDER = Comparator.comparing(Article::id);

  /**
   * {@link #upsertAll}: the same upsert as {@link #UPSERT_ALL}, as one MERGE.
   */
  public static final String MERGE_ALL = "MERGE INTO articles AS quarry_row\n"
      + "USING quarry_stage_articles AS quarry_last\n"
      + "ON quarry_row.id = quarry_last.id\n"
      + "WHEN MATCHED THEN UPDATE\n"
      + "SET author_id = quarry_last.author_id, slug = quarry_last.slug, title = quarry_last.title, body = quarry_last.body, meta = quarry_last.meta, published_at = quarry_last.published_at, deleted_at = quarry_last.deleted_at, updated_at = now(), version = quarry_row.version + 1\n"
      + "WHEN NOT MATCHED THEN INSERT (id, author_id, slug, title, body, meta, published_at, version, deleted_at)\n"
      + "VALUES (quarry_last.id, quarry_last.author_id, quarry_last.slug, quarry_last.title, quarry_last.body, quarry_last.meta, quarry_last.published_at, quarry_last.version, quarry_last.deleted_at)";

  /**
   * {@link #upsertAllByAuthorIdAndSlug}: staged rows, in key order, upserted.
   */
  public static final String UPSERT_ALL_BY_AUTHOR_ID_AND_SLUG = "INSERT INTO articles (id, author_id, slug, title, body, meta, published_at, version, deleted_at)\n"
      + "SELECT id, author_id, slug, title, body, meta, published_at, version, deleted_at\n"
      + "FROM (SELECT DISTINCT ON (author_id, slug) id, author_id, slug, title, body, meta, published_at, version, deleted_at\n"
      + "  FROM quarry_stage_articles\n"
      + "  ORDER BY author_id, slug, quarry_ordinal DESC) AS quarry_last\n"
      + "ORDER BY author_id, slug\n"
      + "ON CONFLICT (author_id, slug) WHERE deleted_at IS NULL DO UPDATE\n"
      + "SET title = EXCLUDED.title, body = EXCLUDED.body, meta = EXCLUDED.meta, published_at = EXCLUDED.published_at, deleted_at = EXCLUDED.deleted_at, updated_at = now(), version = articles.version + 1";

  /**
   * {@link #upsertAllByAuthorIdAndSlug}: the same upsert as {@link #UPSERT_ALL_BY_AUTHOR_ID_AND_SLUG}, as one MERGE.
   */
  public static final String MERGE_ALL_BY_AUTHOR_ID_AND_SLUG = "MERGE INTO articles AS quarry_row\n"
      + "USING (SELECT DISTINCT ON (author_id, slug) id, author_id, slug, title, body, meta, published_at, version, deleted_at\n"
      + "  FROM quarry_stage_articles\n"
      + "  ORDER BY author_id, slug, quarry_ordinal DESC) AS quarry_last\n"
      + "ON quarry_row.author_id = quarry_last.author_id AND quarry_row.slug = quarry_last.slug AND quarry_row.deleted_at IS NULL AND quarry_last.deleted_at IS NULL\n"
      + "WHEN MATCHED THEN UPDATE\n"
      + "SET title = quarry_last.title, body = quarry_last.body, meta = quarry_last.meta, published_at = quarry_last.published_at, deleted_at = quarry_last.deleted_at, updated_at = now(), version = quarry_row.version + 1\n"
      + "WHEN NOT MATCHED THEN INSERT (id, author_id, slug, title, body, meta, published_at, version, deleted_at)\n"
      + "VALUES (quarry_last.id, quarry_last.author_id, quarry_last.slug, quarry_last.title, quarry_last.body, quarry_last.meta, quarry_last.published_at, quarry_last.version, quarry_last.deleted_at)";

  /**
   * The list cursors are issued for; a cursor of another list is refused.
   */
  public static final String KEYSET = "articles(published_at DESC, id DESC)";

  /**
   * {@link #firstSlice}: the first rows in keyset order.
   */
  public static final String FIRST_SLICE = "SELECT id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at\n"
      + "FROM articles\n"
      + "WHERE deleted_at IS NULL\n"
      + "ORDER BY published_at DESC, id DESC\n"
      + "LIMIT ?";

  /**
   * {@link #FIRST_SLICE} for {@link #includingDeleted()}: deleted rows too.
   */
  public static final String FIRST_SLICE_INCLUDING_DELETED = "SELECT id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at\n"
      + "FROM articles\n"
      + "ORDER BY published_at DESC, id DESC\n"
      + "LIMIT ?";

  /**
   * {@link #sliceAfter}: seeks from the cursor with a row-value comparison, the row at the cursor first.
   */
  public static final String SLICE_AFTER = "SELECT id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at\n"
      + "FROM articles\n"
      + "WHERE (published_at, id) <= (?, ?) AND deleted_at IS NULL\n"
      + "ORDER BY published_at DESC, id DESC\n"
      + "LIMIT ?";

  /**
   * {@link #SLICE_AFTER} for {@link #includingDeleted()}: deleted rows too.
   */
  public static final String SLICE_AFTER_INCLUDING_DELETED = "SELECT id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at\n"
      + "FROM articles\n"
      + "WHERE (published_at, id) <= (?, ?)\n"
      + "ORDER BY published_at DESC, id DESC\n"
      + "LIMIT ?";

  /**
   * {@link #sliceAfter} from a cursor that includes its row (the other side of an empty slice); the last column says
   * whether rows lie before.
   */
  public static final String SLICE_AFTER_INCLUSIVE = "SELECT id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at, (\n"
      + "  SELECT true FROM articles WHERE (published_at, id) > (?, ?) AND deleted_at IS NULL\n"
      + "  ORDER BY published_at, id LIMIT 1) AS quarry_before\n"
      + "FROM articles\n"
      + "WHERE (published_at, id) <= (?, ?) AND deleted_at IS NULL\n"
      + "ORDER BY published_at DESC, id DESC\n"
      + "LIMIT ?";

  /**
   * {@link #SLICE_AFTER_INCLUSIVE} for {@link #includingDeleted()}: deleted rows too.
   */
  public static final String SLICE_AFTER_INCLUSIVE_INCLUDING_DELETED = "SELECT id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at, (\n"
      + "  SELECT true FROM articles WHERE (published_at, id) > (?, ?)\n"
      + "  ORDER BY published_at, id LIMIT 1) AS quarry_before\n"
      + "FROM articles\n"
      + "WHERE (published_at, id) <= (?, ?)\n"
      + "ORDER BY published_at DESC, id DESC\n"
      + "LIMIT ?";

  /**
   * {@link #sliceBefore}: seeks back from the cursor, the row at the cursor first, nearest first.
   */
  public static final String SLICE_BEFORE = "SELECT id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at\n"
      + "FROM articles\n"
      + "WHERE (published_at, id) >= (?, ?) AND deleted_at IS NULL\n"
      + "ORDER BY published_at, id\n"
      + "LIMIT ?";

  /**
   * {@link #SLICE_BEFORE} for {@link #includingDeleted()}: deleted rows too.
   */
  public static final String SLICE_BEFORE_INCLUDING_DELETED = "SELECT id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at\n"
      + "FROM articles\n"
      + "WHERE (published_at, id) >= (?, ?)\n"
      + "ORDER BY published_at, id\n"
      + "LIMIT ?";

  /**
   * {@link #sliceBefore} from a cursor that includes its row (the other side of an empty slice); the last column says
   * whether rows lie after.
   */
  public static final String SLICE_BEFORE_INCLUSIVE = "SELECT id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at, (\n"
      + "  SELECT true FROM articles WHERE (published_at, id) < (?, ?) AND deleted_at IS NULL\n"
      + "  ORDER BY published_at DESC, id DESC LIMIT 1) AS quarry_after\n"
      + "FROM articles\n"
      + "WHERE (published_at, id) >= (?, ?) AND deleted_at IS NULL\n"
      + "ORDER BY published_at, id\n"
      + "LIMIT ?";

  /**
   * {@link #SLICE_BEFORE_INCLUSIVE} for {@link #includingDeleted()}: deleted rows too.
   */
  public static final String SLICE_BEFORE_INCLUSIVE_INCLUDING_DELETED = "SELECT id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at, (\n"
      + "  SELECT true FROM articles WHERE (published_at, id) < (?, ?)\n"
      + "  ORDER BY published_at DESC, id DESC LIMIT 1) AS quarry_after\n"
      + "FROM articles\n"
      + "WHERE (published_at, id) >= (?, ?)\n"
      + "ORDER BY published_at, id\n"
      + "LIMIT ?";

  /**
   * {@link #search}: ranked full-text search on the GIN index.
   */
  public static final String SEARCH = "SELECT id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at\n"
      + "FROM articles\n"
      + "WHERE search_vector @@ websearch_to_tsquery('english', ?) AND deleted_at IS NULL\n"
      + "ORDER BY ts_rank(search_vector, websearch_to_tsquery('english', ?)) DESC, id\n"
      + "LIMIT ?";

  /**
   * {@link #SEARCH} for {@link #includingDeleted()}: deleted rows too.
   */
  public static final String SEARCH_INCLUDING_DELETED = "SELECT id, author_id, slug, title, body, meta, published_at, version, created_at, updated_at, deleted_at\n"
      + "FROM articles\n"
      + "WHERE search_vector @@ websearch_to_tsquery('english', ?)\n"
      + "ORDER BY ts_rank(search_vector, websearch_to_tsquery('english', ?)) DESC, id\n"
      + "LIMIT ?";

  private final Database db;

  private final boolean includingDeleted;

  /**
   * A DAO over {@code db} whose reads see live rows only.
   */
  public ArticleDao(Database db) {
    this(db, false);
  }

  private ArticleDao(Database db, boolean includingDeleted) {
    this.db = Objects.requireNonNull(db, "db");
    this.includingDeleted = includingDeleted;
  }

  /**
   * A view of this DAO whose reads also see deleted rows (for audit, undo, "show deleted").
   * Its writes behave as this DAO's: updates and deletes touch live rows only.
   */
  public ArticleDao includingDeleted() {
    return new ArticleDao(this.db, true);
  }

  /**
   * The statement for this view: {@code live} filters deleted rows, {@code all} does not.
   */
  private String sql(String live, String all) {
    return includingDeleted ? all : live;
  }

  /**
   * The row with this primary key, if any.
   *
   * <p>Runs {@link #FIND_BY_ID}.
   */
  public Optional<Article> findById(Long id) {
    return Jdbc.one(this.db, "ArticleDao.findById", sql(FIND_BY_ID, FIND_BY_ID_INCLUDING_DELETED), ps -> Binds.setLong(ps, 1, id), ArticleDao::map);
  }

  /**
   * The rows with these primary keys, by key, in the order of {@code ids}; keys without a row
   * are absent. One statement however many keys: the keys travel as one array parameter. A row
   * PostgreSQL finds for a key that Java tells apart from its own ({@code 8.10} for {@code 8.1}, a
   * {@code char(n)} key without its padding) comes last, under its own key.
   *
   * <p>Runs {@link #FIND_BY_IDS}.
   */
  public Map<Long, Article> findByIds(Collection<Long> ids) {
    Objects.requireNonNull(ids, "ids");
    Map<Long, Article> found = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return found;
    }
    for (Article row : Jdbc.list(this.db, "ArticleDao.findByIds", sql(FIND_BY_IDS, FIND_BY_IDS_INCLUDING_DELETED), ps -> Binds.setArray(ps, 1, "int8", ids, "Article.id"), ArticleDao::map)) {
      found.put(row.id(), row);
    }
    // Answer in the caller's order, not the database's.
    Map<Long, Article> ordered = new LinkedHashMap<>();
    for (Long id : ids) {
      Article row = found.get(id);
      if (row != null) {
        ordered.put(id, row);
      }
    }
    // A row found for a key PostgreSQL finds equal and Java does not is kept, under its own key.
    found.forEach(ordered::putIfAbsent);
    return ordered;
  }

  /**
   * The number of rows, counted by PostgreSQL.
   *
   * <p>Runs {@link #COUNT}.
   */
  public long count() {
    return Jdbc.count(this.db, "ArticleDao.count", sql(COUNT, COUNT_INCLUDING_DELETED), Jdbc.NO_PARAMETERS);
  }

  /**
   * Whether a row with this primary key exists.
   *
   * <p>Runs {@link #EXISTS_BY_ID}.
   */
  public boolean existsById(Long id) {
    return Jdbc.exists(this.db, "ArticleDao.existsById", sql(EXISTS_BY_ID, EXISTS_BY_ID_INCLUDING_DELETED), ps -> Binds.setLong(ps, 1, id));
  }

  /**
   * One page of rows in keyset order, with the total row count.
   *
   * <p>OFFSET reads and discards every skipped row, so deep pages of a large table are slow;
   * prefer keyset pagination there. The total is a {@code count(*)} of the whole list on every call,
   * which reads every row (its cost grows with the table, not the page: see benchmarks/README.md);
   * when the total is known from an earlier page, {@link #page(int, int, long)} skips it.
   *
   * <p>Runs {@link #COUNT} and {@link #PAGE}.
   *
   * @param page the 1-based page number
   * @param size rows per page, 1 to 1000
   * @throws IllegalArgumentException when {@code page < 1} or {@code size} is out of range
   */
  public Page<Article> page(int page, int size) {
    Page.check(page, size);
    return page(page, size, count());
  }

  /**
   * One page of rows in keyset order, carrying a total the caller already has, typically the
   * {@link Page#total()} of the first page: no count runs. The total is returned as given; rows written
   * since it was counted make it stale.
   *
   * <p>Runs {@link #PAGE}.
   *
   * @param page the 1-based page number
   * @param size rows per page, 1 to 1000
   * @param total the number of rows in the whole list, as counted before
   * @throws IllegalArgumentException when {@code page < 1}, {@code size} is out of range or {@code total < 0}
   */
  public Page<Article> page(int page, int size, long total) {
    Page.check(page, size);
    if (total < 0) {
      throw new IllegalArgumentException("total must not be negative, was " + total);
    }
    long offset = (long) (page - 1) * size;
    List<Article> items = Jdbc.list(this.db, "ArticleDao.page", sql(PAGE, PAGE_INCLUDING_DELETED), ps -> {
      ps.setInt(1, size);
      ps.setLong(2, offset);
    }, ArticleDao::map);
    return new Page<>(items, page, size, total);
  }

  /**
   * The row with this unique key, if any.
   *
   * <p>Runs {@link #FIND_BY_AUTHOR_ID_AND_SLUG}.
   */
  public Optional<Article> findByAuthorIdAndSlug(long authorId, String slug) {
    return Jdbc.one(this.db, "ArticleDao.findByAuthorIdAndSlug", sql(FIND_BY_AUTHOR_ID_AND_SLUG, FIND_BY_AUTHOR_ID_AND_SLUG_INCLUDING_DELETED), ps -> {
      ps.setLong(1, authorId);
      Binds.setString(ps, 2, slug, "Article.slug");
    }, ArticleDao::map);
  }

  /**
   * Whether a row with this unique key exists.
   *
   * <p>Runs {@link #EXISTS_BY_AUTHOR_ID_AND_SLUG}.
   */
  public boolean existsByAuthorIdAndSlug(long authorId, String slug) {
    return Jdbc.exists(this.db, "ArticleDao.existsByAuthorIdAndSlug", sql(EXISTS_BY_AUTHOR_ID_AND_SLUG, EXISTS_BY_AUTHOR_ID_AND_SLUG_INCLUDING_DELETED), ps -> {
      ps.setLong(1, authorId);
      Binds.setString(ps, 2, slug, "Article.slug");
    });
  }

  /**
   * The rows that reference this {@code authors}, in primary-key order.
   *
   * <p>Runs {@link #FIND_BY_AUTHOR_ID}.
   */
  public List<Article> findByAuthorId(long authorId) {
    return Jdbc.list(this.db, "ArticleDao.findByAuthorId", sql(FIND_BY_AUTHOR_ID, FIND_BY_AUTHOR_ID_INCLUDING_DELETED), ps -> ps.setLong(1, authorId), ArticleDao::map);
  }

  /**
   * The rows that reference each of these {@code authors} keys, in one query instead of one per
   * key (the N+1 trap). Every requested key is in the map, in the caller's order, with an empty
   * list when no row references it. A row that references a key PostgreSQL finds equal to a
   * requested one and Java does not ({@code 8.10} for {@code 8.1}) is listed under its own key,
   * after them.
   *
   * <p>Runs {@link #FIND_BY_AUTHOR_ID_IN}.
   */
  public Map<Long, List<Article>> findByAuthorIdIn(Collection<Long> keys) {
    Map<Long, List<Article>> found = new LinkedHashMap<>();
    for (Long key : keys) {
      found.putIfAbsent(Objects.requireNonNull(key, "keys must not contain null"), new ArrayList<>());
    }
    if (found.isEmpty()) {
      return found;
    }
    for (Article row : Jdbc.list(this.db, "ArticleDao.findByAuthorIdIn", sql(FIND_BY_AUTHOR_ID_IN, FIND_BY_AUTHOR_ID_IN_INCLUDING_DELETED), ps -> Binds.setArray(ps, 1, "int8", found.keySet(), "Article.authorId"), ArticleDao::map)) {
      found.computeIfAbsent(row.authorId(), k -> new ArrayList<>()).add(row);
    }
    return found;
  }

  /**
   * Inserts {@code row} and returns it as stored: a null {@code id} chosen by PostgreSQL, {@code createdAt} and {@code updatedAt} set by PostgreSQL.
   *
   * <p>Runs {@link #INSERT}.
   */
  public Article insert(Article row) {
    Objects.requireNonNull(row, "row");
    if (row.id() == null) {
      return Jdbc.one(this.db, "ArticleDao.insert", INSERT_IDENTITY, ps -> {
        ps.setLong(1, row.authorId());
        Binds.setString(ps, 2, row.slug(), "Article.slug");
        Binds.setString(ps, 3, row.title(), "Article.title");
        Binds.setString(ps, 4, row.body(), "Article.body");
        Binds.setString(ps, 5, row.meta(), "Article.meta");
        Binds.setInstant(ps, 6, row.publishedAt(), "Article.publishedAt");
        ps.setLong(7, row.version());
        Binds.setInstant(ps, 8, row.deletedAt(), "Article.deletedAt");
      }, ArticleDao::map).orElseThrow();
    }
    return Jdbc.run(this.db, "ArticleDao.insert", INSERT, c -> {
      Bulk.advanceIdentity(c, ADVANCE_IDENTITY, row.id());
      return Jdbc.query(c, INSERT, ps -> {
        Binds.setLong(ps, 1, row.id());
        ps.setLong(2, row.authorId());
        Binds.setString(ps, 3, row.slug(), "Article.slug");
        Binds.setString(ps, 4, row.title(), "Article.title");
        Binds.setString(ps, 5, row.body(), "Article.body");
        Binds.setString(ps, 6, row.meta(), "Article.meta");
        Binds.setInstant(ps, 7, row.publishedAt(), "Article.publishedAt");
        ps.setLong(8, row.version());
        Binds.setInstant(ps, 9, row.deletedAt(), "Article.deletedAt");
      }, ArticleDao::map).get(0);
    });
  }

  /**
   * Writes every column of {@code row} but the key to the row with its key, provided the stored
   * {@code version} still equals the record's, and bumps it.
   *
   * <p>Runs {@link #UPDATE}.
   *
   * @return the row as stored, with the new version, or empty when no row has this key
   * @throws OptimisticLockException when the row exists at another version
   */
  public Optional<Article> update(Article row) {
    Objects.requireNonNull(row, "row");
    Optional<Article> updated = Jdbc.one(this.db, "ArticleDao.update", UPDATE, ps -> {
      ps.setLong(1, row.authorId());
      Binds.setString(ps, 2, row.slug(), "Article.slug");
      Binds.setString(ps, 3, row.title(), "Article.title");
      Binds.setString(ps, 4, row.body(), "Article.body");
      Binds.setString(ps, 5, row.meta(), "Article.meta");
      Binds.setInstant(ps, 6, row.publishedAt(), "Article.publishedAt");
      Binds.setLong(ps, 7, row.id());
      ps.setLong(8, row.version());
    }, ArticleDao::map);
    if (updated.isEmpty() && Jdbc.exists(this.db, "ArticleDao.update", EXISTS_BY_ID, ps -> Binds.setLong(ps, 1, row.id()))) {
      throw new OptimisticLockException("ArticleDao.update: the row in articles was changed since it was read (its version moved); nothing was written. Read it again and retry");
    }
    return updated;
  }

  /**
   * Inserts {@code row}, or when a row with its primary key exists, updates that row's other columns
   * in the same atomic statement (no read-then-write race); returns the row as stored.
   * A null {@code id} cannot conflict: the row is inserted.
   *
   * <p>Runs {@link #UPSERT}.
   */
  public Article upsert(Article row) {
    Objects.requireNonNull(row, "row");
    if (row.id() == null) {
      return Jdbc.one(this.db, "ArticleDao.upsert", INSERT_IDENTITY, ps -> {
        ps.setLong(1, row.authorId());
        Binds.setString(ps, 2, row.slug(), "Article.slug");
        Binds.setString(ps, 3, row.title(), "Article.title");
        Binds.setString(ps, 4, row.body(), "Article.body");
        Binds.setString(ps, 5, row.meta(), "Article.meta");
        Binds.setInstant(ps, 6, row.publishedAt(), "Article.publishedAt");
        ps.setLong(7, row.version());
        Binds.setInstant(ps, 8, row.deletedAt(), "Article.deletedAt");
      }, ArticleDao::map).orElseThrow();
    }
    return Jdbc.run(this.db, "ArticleDao.upsert", UPSERT, c -> {
      Bulk.advanceIdentity(c, ADVANCE_IDENTITY, row.id());
      return Jdbc.query(c, UPSERT, ps -> {
        Binds.setLong(ps, 1, row.id());
        ps.setLong(2, row.authorId());
        Binds.setString(ps, 3, row.slug(), "Article.slug");
        Binds.setString(ps, 4, row.title(), "Article.title");
        Binds.setString(ps, 5, row.body(), "Article.body");
        Binds.setString(ps, 6, row.meta(), "Article.meta");
        Binds.setInstant(ps, 7, row.publishedAt(), "Article.publishedAt");
        ps.setLong(8, row.version());
        Binds.setInstant(ps, 9, row.deletedAt(), "Article.deletedAt");
      }, ArticleDao::map).get(0);
    });
  }

  /**
   * Inserts {@code row}, or when a live row with its unique key exists, updates that row's other columns
   * (never its primary key) in the same atomic statement; returns the row as stored.
   *
   * <p>Runs {@link #UPSERT_BY_AUTHOR_ID_AND_SLUG}.
   */
  public Article upsertByAuthorIdAndSlug(Article row) {
    Objects.requireNonNull(row, "row");
    if (row.id() == null) {
      return Jdbc.one(this.db, "ArticleDao.upsertByAuthorIdAndSlug", UPSERT_BY_AUTHOR_ID_AND_SLUG_IDENTITY, ps -> {
        ps.setLong(1, row.authorId());
        Binds.setString(ps, 2, row.slug(), "Article.slug");
        Binds.setString(ps, 3, row.title(), "Article.title");
        Binds.setString(ps, 4, row.body(), "Article.body");
        Binds.setString(ps, 5, row.meta(), "Article.meta");
        Binds.setInstant(ps, 6, row.publishedAt(), "Article.publishedAt");
        ps.setLong(7, row.version());
        Binds.setInstant(ps, 8, row.deletedAt(), "Article.deletedAt");
      }, ArticleDao::map).orElseThrow();
    }
    return Jdbc.run(this.db, "ArticleDao.upsertByAuthorIdAndSlug", UPSERT_BY_AUTHOR_ID_AND_SLUG, c -> {
      Bulk.advanceIdentity(c, ADVANCE_IDENTITY, row.id());
      return Jdbc.query(c, UPSERT_BY_AUTHOR_ID_AND_SLUG, ps -> {
        Binds.setLong(ps, 1, row.id());
        ps.setLong(2, row.authorId());
        Binds.setString(ps, 3, row.slug(), "Article.slug");
        Binds.setString(ps, 4, row.title(), "Article.title");
        Binds.setString(ps, 5, row.body(), "Article.body");
        Binds.setString(ps, 6, row.meta(), "Article.meta");
        Binds.setInstant(ps, 7, row.publishedAt(), "Article.publishedAt");
        ps.setLong(8, row.version());
        Binds.setInstant(ps, 9, row.deletedAt(), "Article.deletedAt");
      }, ArticleDao::map).get(0);
    });
  }

  /**
   * Marks the row with this primary key deleted (its {@code deletedAt} set to now); reads no longer see it, whatever its version (see {@link #delete(Article)} for the checked form).
   *
   * <p>Runs {@link #DELETE}.
   *
   * @return whether a live row was deleted
   */
  public boolean delete(Long id) {
    return Jdbc.update(this.db, "ArticleDao.delete", DELETE, ps -> Binds.setLong(ps, 1, id)) > 0;
  }

  /**
   * Deletes the row with {@code row}'s key, provided it is still at {@code row}'s version.
   *
   * <p>Runs {@link #DELETE_VERSIONED}.
   *
   * @return whether a row was deleted; false when no row has this key
   * @throws OptimisticLockException when the row exists at another version
   */
  public boolean delete(Article row) {
    Objects.requireNonNull(row, "row");
    boolean deleted = Jdbc.update(this.db, "ArticleDao.delete", DELETE_VERSIONED, ps -> {
      Binds.setLong(ps, 1, row.id());
      ps.setLong(2, row.version());
    }) > 0;
    if (!deleted && Jdbc.exists(this.db, "ArticleDao.delete", EXISTS_BY_ID, ps -> Binds.setLong(ps, 1, row.id()))) {
      throw new OptimisticLockException("ArticleDao.delete: the row in articles was changed since it was read (its version moved); nothing was written. Read it again and retry");
    }
    return deleted;
  }

  /**
   * Deletes the rows with these primary keys in one statement.
   *
   * <p>Runs {@link #DELETE_BY_IDS}.
   *
   * @return the number of rows deleted
   */
  public int deleteByIds(Collection<Long> ids) {
    Objects.requireNonNull(ids, "ids");
    if (ids.isEmpty()) {
      return 0;
    }
    return Jdbc.update(this.db, "ArticleDao.deleteByIds", DELETE_BY_IDS, ps -> Binds.setArray(ps, 1, "int8", ids, "Article.id"));
  }

  /**
   * Brings back the deleted row with this primary key.
   *
   * <p>Runs {@link #RESTORE}.
   *
   * @return whether a deleted row was restored
   * @throws UniqueViolationException when a live row has since taken one of its unique keys
   */
  public boolean restore(Long id) {
    return Jdbc.update(this.db, "ArticleDao.restore", RESTORE, ps -> Binds.setLong(ps, 1, id)) > 0;
  }

  /**
   * Removes the row with this primary key for good, deleted or not.
   *
   * <p>Runs {@link #PURGE}.
   *
   * @return whether a row was removed
   */
  public boolean purge(Long id) {
    return Jdbc.update(this.db, "ArticleDao.purge", PURGE, ps -> Binds.setLong(ps, 1, id)) > 0;
  }

  /**
   * Inserts every row with binary {@code COPY}, the fastest way into PostgreSQL, and returns how
   * many were stored. All or nothing: when one row fails (a unique key, a NOT NULL column, a key
   * no partition covers), none is stored and the failure is thrown as its typed exception.
   * Null {@code id} values are reserved from the identity in one round trip
   * (when no row has one, the identity numbers the rows as they are stored);
   * explicit ones first move the identity's sequence past the largest of them.
   *
   * <p>Runs {@link #COPY_IN_NEW} when no row has an id, else {@link #COPY_IN}.
   */
  public int insertAll(Collection<Article> rows) {
    Objects.requireNonNull(rows, "rows");
    if (rows.isEmpty()) {
      return 0;
    }
    // no row has an id: copy without the column, and let the identity number the rows (no ids reserved)
    if (Bulk.allWithoutId(rows, Article::id)) {
      return Jdbc.run(this.db, "ArticleDao.insertAll", COPY_IN_NEW,
          c -> (int) Bulk.copy(c, COPY_IN_NEW, rows, ArticleDao::encodeNew));
    }
    return Jdbc.run(this.db, "ArticleDao.insertAll", COPY_IN, c -> (int) Bulk.copy(c, COPY_IN, keyed(c, rows), ArticleDao::encode));
  }

  /**
   * Inserts every row in one statement and returns them as stored, in the order given.
   * Slower than {@link #insertAll} for large loads; use it when the stored rows are needed.
   * Null {@code id} values are reserved from the identity in one round trip;
   * explicit ones first move the identity's sequence past the largest of them.
   *
   * <p>Runs {@link #INSERT_ALL_RETURNING}.
   */
  public List<Article> insertAllReturning(Collection<Article> rows) {
    Objects.requireNonNull(rows, "rows");
    if (rows.isEmpty()) {
      return new ArrayList<>();
    }
    return Jdbc.run(this.db, "ArticleDao.insertAllReturning", INSERT_ALL_RETURNING, c -> {
      List<Article> keyed = keyed(c, rows);
      return Jdbc.query(c, INSERT_ALL_RETURNING, ps -> {
        Binds.setArray(ps, 1, "int8", Bulk.column(keyed, Article::id), "Article.id");
        Binds.setArray(ps, 2, "int8", Bulk.column(keyed, Article::authorId), "Article.authorId");
        Binds.setArray(ps, 3, "text", Bulk.column(keyed, Article::slug), "Article.slug");
        Binds.setArray(ps, 4, "text", Bulk.column(keyed, Article::title), "Article.title");
        Binds.setArray(ps, 5, "text", Bulk.column(keyed, Article::body), "Article.body");
        Binds.setArray(ps, 6, "text", Bulk.column(keyed, Article::meta), "Article.meta");
        Binds.setArray(ps, 7, "timestamptz", Bulk.column(keyed, Article::publishedAt), "Article.publishedAt");
        Binds.setArray(ps, 8, "int8", Bulk.column(keyed, Article::version), "Article.version");
        Binds.setArray(ps, 9, "timestamptz", Bulk.column(keyed, Article::deletedAt), "Article.deletedAt");
      }, ArticleDao::map);
    });
  }

  /**
   * Inserts or updates every row by its primary key and returns how many rows were written.
   *
   * <p>Rows are staged with binary {@code COPY} and upserted by one statement. Keys PostgreSQL
   * finds equal keep the last row given (one statement cannot touch a row twice); a key with a
   * NULL part never conflicts, so its row is inserted. Rows are applied in key order, so two
   * batches over the same keys never deadlock. All or nothing, in the caller's transaction
   * when there is one.
   * Null {@code id} values are reserved from the identity in one round trip;
   * explicit ones first move the identity's sequence past the largest of them.
   *
   * <p>Runs {@link #MERGE_ALL}, or instead
   * {@link #UPSERT_ALL} where the two would differ: on a table with rules, row-level
   * security, inheritance children, {@code BEFORE INSERT} triggers or deferrable keys, and
   * when another transaction inserts one of the keys meanwhile (SQLSTATE 23505; the MERGE is
   * undone first).
   */
  public int upsertAll(Collection<Article> rows) {
    Objects.requireNonNull(rows, "rows");
    if (rows.isEmpty()) {
      return 0;
    }
    return this.db.transaction(() -> Jdbc.run(this.db, "ArticleDao.upsertAll", MERGE_ALL, c -> {
      Bulk.execute(c, CREATE_STAGE);
      // Every row in key order, so PostgreSQL need not sort them; rows a later row of their key
      // replaces are staged too, so that their values are checked, and then removed.
      LastGiven.Staged<Article> staged = LastGiven.inKeyOrder(keyed(c, rows), KEY_ORDER);
      Bulk.copyToStage(c, COPY_STAGE, staged, ArticleDao::encode);
      if (staged.replacesAny()) {
        Bulk.execute(c, REMOVE_REPLACED);
      }
      int written = StagedUpsert.run(c, "articles", MERGE_ALL, UPSERT_ALL);
      Bulk.execute(c, DROP_STAGE);
      return written;
    }));
  }

  /**
   * Inserts or updates every row by its unique key (authorId, slug) and returns how many rows were written.
   *
   * <p>Rows are staged with binary {@code COPY} and upserted by one statement. Keys PostgreSQL
   * finds equal keep the last row given (one statement cannot touch a row twice); a key with a
   * NULL part never conflicts, so its row is inserted. Rows are applied in key order, so two
   * batches over the same keys never deadlock. All or nothing, in the caller's transaction
   * when there is one.
   * Null {@code id} values are reserved from the identity in one round trip;
   * explicit ones first move the identity's sequence past the largest of them.
   *
   * <p>Runs {@link #MERGE_ALL_BY_AUTHOR_ID_AND_SLUG}, or instead
   * {@link #UPSERT_ALL_BY_AUTHOR_ID_AND_SLUG} where the two would differ: on a table with rules, row-level
   * security, inheritance children, {@code BEFORE INSERT} triggers or deferrable keys, and
   * when another transaction inserts one of the keys meanwhile (SQLSTATE 23505; the MERGE is
   * undone first).
   */
  public int upsertAllByAuthorIdAndSlug(Collection<Article> rows) {
    Objects.requireNonNull(rows, "rows");
    if (rows.isEmpty()) {
      return 0;
    }
    return this.db.transaction(() -> Jdbc.run(this.db, "ArticleDao.upsertAllByAuthorIdAndSlug", MERGE_ALL_BY_AUTHOR_ID_AND_SLUG, c -> {
      Bulk.execute(c, CREATE_STAGE);
      Bulk.copyToStage(c, COPY_STAGE, keyed(c, rows), ArticleDao::encode);
      int written = StagedUpsert.run(c, "articles", MERGE_ALL_BY_AUTHOR_ID_AND_SLUG, UPSERT_ALL_BY_AUTHOR_ID_AND_SLUG);
      Bulk.execute(c, DROP_STAGE);
      return written;
    }));
  }

  /**
   * The rows with every generated key filled in; rejects null rows.
   */
  private static List<Article> keyed(Connection c, Collection<Article> rows) throws SQLException {
    int missing = 0;
    for (Article row : rows) {
      if (Objects.requireNonNull(row, "rows must not contain null").id() == null) {
        missing++;
      }
    }
    // Explicit ids first move the identity's sequence past them, or later null ids would collide.
    Bulk.advanceIdentity(c, ADVANCE_IDENTITY, Bulk.maxId(rows, Article::id));
    long[] ids = Bulk.nextIdentities(c, NEXT_IDENTITIES, missing);
    int next = 0;
    List<Article> keyed = new ArrayList<>(rows.size());
    for (Article row : rows) {
      if (row.id() != null) {
        keyed.add(row);
      } else {
        keyed.add(new Article(
            ids[next++],
            row.authorId(),
            row.slug(),
            row.title(),
            row.body(),
            row.meta(),
            row.publishedAt(),
            row.version(),
            row.createdAt(),
            row.updatedAt(),
            row.deletedAt()));
      }
    }
    return keyed;
  }

  /**
   * Writes one row of binary COPY: the insertable columns, in order.
   */
  private static void encode(Article row, CopyEncoder out) throws SQLException {
    out.row(9);
    out.int8(row.id());
    out.int8(row.authorId());
    out.text(row.slug(), "Article.slug");
    out.text(row.title(), "Article.title");
    out.text(row.body(), "Article.body");
    out.jsonb(row.meta(), "Article.meta");
    out.timestamptz(row.publishedAt(), "Article.publishedAt");
    out.int8(row.version());
    out.timestamptz(row.deletedAt(), "Article.deletedAt");
  }

  /**
   * Writes one new row of binary COPY: the columns of {@link #COPY_IN_NEW}, in order (no identity).
   */
  private static void encodeNew(Article row, CopyEncoder out) throws SQLException {
    out.row(8);
    out.int8(row.authorId());
    out.text(row.slug(), "Article.slug");
    out.text(row.title(), "Article.title");
    out.text(row.body(), "Article.body");
    out.jsonb(row.meta(), "Article.meta");
    out.timestamptz(row.publishedAt(), "Article.publishedAt");
    out.int8(row.version());
    out.timestamptz(row.deletedAt(), "Article.deletedAt");
  }

  /**
   * The first {@code size} rows in keyset order (publishedAt, id, descending), and a cursor to the next slice when more follow.
   * Constant time at any depth: no OFFSET, an index seek instead.
   *
   * <p>Runs {@link #FIRST_SLICE}.
   *
   * @throws IllegalArgumentException when {@code size} is outside 1..1000
   */
  public Slice<Article> firstSlice(int size) {
    Page.checkSize(size);
    return Jdbc.run(this.db, "ArticleDao.firstSlice", FIRST_SLICE, c -> Slices.first(
        Jdbc.query(c, sql(FIRST_SLICE, FIRST_SLICE_INCLUDING_DELETED), ps -> ps.setInt(1, size + 1), ArticleDao::map),
        size, ArticleDao::cursor));
  }

  /**
   * The {@code size} rows after {@code after} in keyset order (publishedAt, id, descending).
   *
   * <p>Runs {@link #SLICE_AFTER}: one index seek, from the row at the cursor, which also tells that rows lie
   * on the other side. Only when that row is gone is one more row read, the other way. An empty slice still
   * describes its position: the cursor on the side where rows lie is present.
   *
   * @throws InvalidCursorException when the cursor is malformed, altered, or from another list
   * @throws IllegalArgumentException when {@code size} is outside 1..1000
   */
  public Slice<Article> sliceAfter(Cursor after, int size) {
    Page.checkSize(size);
    CursorCodec.Reader key = CursorCodec.reader(Objects.requireNonNull(after, "after"), KEYSET, true);
    Instant k0 = key.timestamptz();
    Long k1 = key.int8();
    key.end();
    boolean inclusive = key.inclusive();
    Binder position = ps -> {
      Binds.setInstant(ps, 1, k0, "Article.publishedAt");
      Binds.setLong(ps, 2, k1);
    };
    // rows lie on the other side when the row at the cursor is still there (it comes first, and is dropped);
    // a cursor that includes its row asks in a last column of its seek; when neither can tell, ask for one row
    return Jdbc.run(this.db, "ArticleDao.sliceAfter", SLICE_AFTER, c -> {
      Slices.Around otherSide = () -> Slices.any(c, sql(SLICE_BEFORE, SLICE_BEFORE_INCLUDING_DELETED), ps -> {
        position.bind(ps);
        ps.setInt(3, 1);
      });
      Slices.Seek<Article> read = inclusive
          ? Slices.seek(c, sql(SLICE_AFTER_INCLUSIVE, SLICE_AFTER_INCLUSIVE_INCLUDING_DELETED), ps -> {
            position.bind(ps);
            Binds.setInstant(ps, 3, k0, "Article.publishedAt");
            Binds.setLong(ps, 4, k1);
            ps.setInt(5, size + 1);
          }, ArticleDao::map)
          : Slices.pastPosition(Jdbc.query(c, sql(SLICE_AFTER, SLICE_AFTER_INCLUDING_DELETED), ps -> {
            position.bind(ps);
            ps.setInt(3, size + 2);
          }, ArticleDao::map),
          row -> Objects.deepEquals(row.publishedAt(), k0) && Objects.deepEquals(row.id(), k1), otherSide);
      return Slices.forward(read, size, ArticleDao::cursor, after, inclusive ? otherSide : read::otherSide);
    });
  }

  /**
   * The {@code size} rows before {@code before}, listed in the same order as other slices (publishedAt, id, descending).
   *
   * <p>Runs {@link #SLICE_BEFORE}: one index seek, from the row at the cursor, which also tells that rows lie
   * on the other side. Only when that row is gone is one more row read, the other way. An empty slice still
   * describes its position: the cursor on the side where rows lie is present.
   *
   * @throws InvalidCursorException when the cursor is malformed, altered, or from another list
   * @throws IllegalArgumentException when {@code size} is outside 1..1000
   */
  public Slice<Article> sliceBefore(Cursor before, int size) {
    Page.checkSize(size);
    CursorCodec.Reader key = CursorCodec.reader(Objects.requireNonNull(before, "before"), KEYSET, false);
    Instant k0 = key.timestamptz();
    Long k1 = key.int8();
    key.end();
    boolean inclusive = key.inclusive();
    Binder position = ps -> {
      Binds.setInstant(ps, 1, k0, "Article.publishedAt");
      Binds.setLong(ps, 2, k1);
    };
    // rows lie on the other side when the row at the cursor is still there (it comes first, and is dropped);
    // a cursor that includes its row asks in a last column of its seek; when neither can tell, ask for one row
    return Jdbc.run(this.db, "ArticleDao.sliceBefore", SLICE_BEFORE, c -> {
      Slices.Around otherSide = () -> Slices.any(c, sql(SLICE_AFTER, SLICE_AFTER_INCLUDING_DELETED), ps -> {
        position.bind(ps);
        ps.setInt(3, 1);
      });
      Slices.Seek<Article> read = inclusive
          ? Slices.seek(c, sql(SLICE_BEFORE_INCLUSIVE, SLICE_BEFORE_INCLUSIVE_INCLUDING_DELETED), ps -> {
            position.bind(ps);
            Binds.setInstant(ps, 3, k0, "Article.publishedAt");
            Binds.setLong(ps, 4, k1);
            ps.setInt(5, size + 1);
          }, ArticleDao::map)
          : Slices.pastPosition(Jdbc.query(c, sql(SLICE_BEFORE, SLICE_BEFORE_INCLUDING_DELETED), ps -> {
            position.bind(ps);
            ps.setInt(3, size + 2);
          }, ArticleDao::map),
          row -> Objects.deepEquals(row.publishedAt(), k0) && Objects.deepEquals(row.id(), k1), otherSide);
      return Slices.backward(read, size, ArticleDao::cursor, before, inclusive ? otherSide : read::otherSide);
    });
  }

  /**
   * The cursor at {@code row}'s position in {@link #KEYSET}; {@code beyond} is the row just past it on the
   * side the cursor leads to, or {@code null}.
   */
  private static Cursor cursor(Article row, Article beyond) {
    CursorCodec.Writer key = CursorCodec.writer(KEYSET)
        .timestamptz(row.publishedAt())
        .int8(row.id());
    return key.build();
  }

  /**
   * The best {@code limit} matches for {@code query}, as a user would type it into a search box
   * ({@code "exact phrase"}, {@code or}, {@code -excluded}); any text is accepted, none is a syntax
   * error. Ranked by {@code ts_rank}, ties by primary key.
   *
   * <p>Runs {@link #SEARCH}.
   *
   * @throws IllegalArgumentException when {@code limit} is outside 1..1000
   */
  public List<Article> search(String query, int limit) {
    Objects.requireNonNull(query, "query");
    Page.checkSize(limit);
    // text cannot hold NUL; a search box can send one
    String text = query.replace("\0", "");
    return Jdbc.list(this.db, "ArticleDao.search", sql(SEARCH, SEARCH_INCLUDING_DELETED), ps -> {
      ps.setString(1, text);
      ps.setString(2, text);
      ps.setInt(3, limit);
    }, ArticleDao::map);
  }

  /**
   * Reads the current row, selected as {@link #COLUMNS}.
   */
  private static Article map(ResultSet rs) throws SQLException {
    return new Article(
        Reads.getLong(rs, 1),
        Reads.longValue(rs, 2, "Article.authorId"),
        Reads.getString(rs, 3),
        Reads.getString(rs, 4),
        Reads.getString(rs, 5),
        Reads.getString(rs, 6),
        Reads.getInstant(rs, 7),
        Reads.longValue(rs, 8, "Article.version"),
        Reads.getInstant(rs, 9),
        Reads.getInstant(rs, 10),
        Reads.getInstant(rs, 11));
  }
}
