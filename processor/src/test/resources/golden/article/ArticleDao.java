package golden;

import dev.quarry.runtime.Database;
import dev.quarry.runtime.OptimisticLockException;
import dev.quarry.runtime.Page;
import dev.quarry.runtime.QuarryException;
import dev.quarry.runtime.internal.Binds;
import dev.quarry.runtime.internal.Jdbc;
import dev.quarry.runtime.internal.Reads;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
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
  public static final String COLUMNS = "id, author_id, slug, title, body, meta, published_at, version";

  /**
   * {@link #findById}: one row by primary key.
   */
  public static final String FIND_BY_ID = "SELECT id, author_id, slug, title, body, meta, published_at, version\n"
      + "FROM articles\n"
      + "WHERE id = ?";

  /**
   * {@link #findByIds}: one statement for any number of keys.
   */
  public static final String FIND_BY_IDS = "SELECT id, author_id, slug, title, body, meta, published_at, version\n"
      + "FROM articles\n"
      + "WHERE id = ANY(?)";

  /**
   * {@link #count}: computed in PostgreSQL, no rows loaded.
   */
  public static final String COUNT = "SELECT count(*)\n"
      + "FROM articles";

  /**
   * {@link #existsById}: computed in PostgreSQL, no row loaded.
   */
  public static final String EXISTS_BY_ID = "SELECT EXISTS (\n"
      + "  SELECT 1 FROM articles WHERE id = ?)";

  /**
   * {@link #page}: an offset page in a deterministic order.
   */
  public static final String PAGE = "SELECT id, author_id, slug, title, body, meta, published_at, version\n"
      + "FROM articles\n"
      + "ORDER BY id\n"
      + "LIMIT ? OFFSET ?";

  /**
   * {@link #findByAuthorIdAndSlug}: one row by unique key.
   */
  public static final String FIND_BY_AUTHOR_ID_AND_SLUG = "SELECT id, author_id, slug, title, body, meta, published_at, version\n"
      + "FROM articles\n"
      + "WHERE author_id = ? AND slug = ?";

  /**
   * {@link #existsByAuthorIdAndSlug}: computed in PostgreSQL.
   */
  public static final String EXISTS_BY_AUTHOR_ID_AND_SLUG = "SELECT EXISTS (\n"
      + "  SELECT 1 FROM articles WHERE author_id = ? AND slug = ?)";

  /**
   * {@link #findByAuthorId}: served by the index on the column.
   */
  public static final String FIND_BY_AUTHOR_ID = "SELECT id, author_id, slug, title, body, meta, published_at, version\n"
      + "FROM articles\n"
      + "WHERE author_id = ?\n"
      + "ORDER BY id";

  /**
   * {@link #findByAuthorIdIn}: one statement for any number of keys.
   */
  public static final String FIND_BY_AUTHOR_ID_IN = "SELECT id, author_id, slug, title, body, meta, published_at, version\n"
      + "FROM articles\n"
      + "WHERE author_id = ANY(?)\n"
      + "ORDER BY author_id, id";

  /**
   * {@link #insert}: every column given, the stored row returned.
   */
  public static final String INSERT = "INSERT INTO articles (id, author_id, slug, title, body, meta, published_at, version)\n"
      + "VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)\n"
      + "RETURNING id, author_id, slug, title, body, meta, published_at, version";

  /**
   * {@link #insert} when PostgreSQL chooses the identity.
   */
  public static final String INSERT_IDENTITY = "INSERT INTO articles (author_id, slug, title, body, meta, published_at, version)\n"
      + "VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, ?)\n"
      + "RETURNING id, author_id, slug, title, body, meta, published_at, version";

  /**
   * {@link #update}: every non-key column, by key.
   */
  public static final String UPDATE = "UPDATE articles\n"
      + "SET author_id = ?, slug = ?, title = ?, body = ?, meta = CAST(? AS jsonb), published_at = ?, version = version + 1\n"
      + "WHERE id = ? AND version = ?\n"
      + "RETURNING id, author_id, slug, title, body, meta, published_at, version";

  /**
   * {@link #delete}: by primary key.
   */
  public static final String DELETE = "DELETE FROM articles\n"
      + "WHERE id = ?";

  /**
   * {@link #delete(Article)}: by key and expected version.
   */
  public static final String DELETE_VERSIONED = "DELETE FROM articles\n"
      + "WHERE id = ? AND version = ?";

  /**
   * {@link #deleteByIds}: one statement for any number of keys.
   */
  public static final String DELETE_BY_IDS = "DELETE FROM articles\n"
      + "WHERE id = ANY(?)";

  private final Database db;

  /**
   * A DAO over {@code db}.
   */
  public ArticleDao(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /**
   * The row with this primary key, if any.
   *
   * <p>Runs {@link #FIND_BY_ID}.
   */
  public Optional<Article> findById(Long id) {
    return Jdbc.one(db, "ArticleDao.findById", FIND_BY_ID, ps -> Binds.setLong(ps, 1, id), ArticleDao::map);
  }

  /**
   * The rows with these primary keys, by key, in the order of {@code ids}; keys without a row
   * are absent. One statement however many keys: the keys travel as one array parameter.
   *
   * <p>Runs {@link #FIND_BY_IDS}.
   */
  public Map<Long, Article> findByIds(Collection<Long> ids) {
    Objects.requireNonNull(ids, "ids");
    Map<Long, Article> found = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return found;
    }
    for (Article row : Jdbc.list(db, "ArticleDao.findByIds", FIND_BY_IDS, ps -> Binds.setArray(ps, 1, "int8", ids), ArticleDao::map)) {
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
    return ordered;
  }

  /**
   * The number of rows, counted by PostgreSQL.
   *
   * <p>Runs {@link #COUNT}.
   */
  public long count() {
    return Jdbc.count(db, "ArticleDao.count", COUNT, Jdbc.NO_PARAMETERS);
  }

  /**
   * Whether a row with this primary key exists.
   *
   * <p>Runs {@link #EXISTS_BY_ID}.
   */
  public boolean existsById(Long id) {
    return Jdbc.exists(db, "ArticleDao.existsById", EXISTS_BY_ID, ps -> Binds.setLong(ps, 1, id));
  }

  /**
   * One page of rows in primary-key order, with the total row count.
   *
   * <p>OFFSET reads and discards every skipped row, so deep pages of a large table are slow;
   * prefer keyset pagination there.
   *
   * <p>Runs {@link #PAGE} and {@link #COUNT}.
   *
   * @param page the 1-based page number
   * @param size rows per page, 1 to 1000
   * @throws IllegalArgumentException when {@code page < 1} or {@code size} is out of range
   */
  public Page<Article> page(int page, int size) {
    Page.check(page, size);
    long offset = (long) (page - 1) * size;
    List<Article> items = Jdbc.list(db, "ArticleDao.page", PAGE, ps -> {
      ps.setInt(1, size);
      ps.setLong(2, offset);
    }, ArticleDao::map);
    return new Page<>(items, page, size, count());
  }

  /**
   * The row with this unique key, if any.
   *
   * <p>Runs {@link #FIND_BY_AUTHOR_ID_AND_SLUG}.
   */
  public Optional<Article> findByAuthorIdAndSlug(long authorId, String slug) {
    return Jdbc.one(db, "ArticleDao.findByAuthorIdAndSlug", FIND_BY_AUTHOR_ID_AND_SLUG, ps -> {
      ps.setLong(1, authorId);
      Binds.setString(ps, 2, slug);
    }, ArticleDao::map);
  }

  /**
   * Whether a row with this unique key exists.
   *
   * <p>Runs {@link #EXISTS_BY_AUTHOR_ID_AND_SLUG}.
   */
  public boolean existsByAuthorIdAndSlug(long authorId, String slug) {
    return Jdbc.exists(db, "ArticleDao.existsByAuthorIdAndSlug", EXISTS_BY_AUTHOR_ID_AND_SLUG, ps -> {
      ps.setLong(1, authorId);
      Binds.setString(ps, 2, slug);
    });
  }

  /**
   * The rows that reference this {@code authors}, in primary-key order.
   *
   * <p>Runs {@link #FIND_BY_AUTHOR_ID}.
   */
  public List<Article> findByAuthorId(long authorId) {
    return Jdbc.list(db, "ArticleDao.findByAuthorId", FIND_BY_AUTHOR_ID, ps -> ps.setLong(1, authorId), ArticleDao::map);
  }

  /**
   * The rows that reference each of these {@code authors} keys, in one query instead of one per
   * key (the N+1 trap). Every requested key is in the map, in the caller's order, with an empty
   * list when no row references it.
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
    for (Article row : Jdbc.list(db, "ArticleDao.findByAuthorIdIn", FIND_BY_AUTHOR_ID_IN, ps -> Binds.setArray(ps, 1, "int8", found.keySet()), ArticleDao::map)) {
      found.get(row.authorId()).add(row);
    }
    return found;
  }

  /**
   * Inserts {@code row} and returns it as stored.
   * A null {@code id} lets PostgreSQL choose it ({@link #INSERT_IDENTITY}).
   *
   * <p>Runs {@link #INSERT}.
   */
  public Article insert(Article row) {
    Objects.requireNonNull(row, "row");
    if (row.id() == null) {
      return Jdbc.one(db, "ArticleDao.insert", INSERT_IDENTITY, ps -> {
        ps.setLong(1, row.authorId());
        Binds.setString(ps, 2, row.slug());
        Binds.setString(ps, 3, row.title());
        Binds.setString(ps, 4, row.body());
        Binds.setString(ps, 5, row.meta());
        Binds.setInstant(ps, 6, row.publishedAt());
        ps.setLong(7, row.version());
      }, ArticleDao::map).orElseThrow();
    }
    return Jdbc.one(db, "ArticleDao.insert", INSERT, ps -> {
      Binds.setLong(ps, 1, row.id());
      ps.setLong(2, row.authorId());
      Binds.setString(ps, 3, row.slug());
      Binds.setString(ps, 4, row.title());
      Binds.setString(ps, 5, row.body());
      Binds.setString(ps, 6, row.meta());
      Binds.setInstant(ps, 7, row.publishedAt());
      ps.setLong(8, row.version());
    }, ArticleDao::map).orElseThrow();
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
    Optional<Article> updated = Jdbc.one(db, "ArticleDao.update", UPDATE, ps -> {
      ps.setLong(1, row.authorId());
      Binds.setString(ps, 2, row.slug());
      Binds.setString(ps, 3, row.title());
      Binds.setString(ps, 4, row.body());
      Binds.setString(ps, 5, row.meta());
      Binds.setInstant(ps, 6, row.publishedAt());
      Binds.setLong(ps, 7, row.id());
      ps.setLong(8, row.version());
    }, ArticleDao::map);
    if (updated.isEmpty() && existsById(row.id())) {
      throw new OptimisticLockException("ArticleDao.update: the row in articles was changed since it was read (its version moved); nothing was written. Read it again and retry");
    }
    return updated;
  }

  /**
   * Deletes the row with this primary key, whatever its version (see {@link #delete(Article)} for the checked form).
   *
   * <p>Runs {@link #DELETE}.
   *
   * @return whether a row was deleted
   */
  public boolean delete(Long id) {
    return Jdbc.update(db, "ArticleDao.delete", DELETE, ps -> Binds.setLong(ps, 1, id)) > 0;
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
    boolean deleted = Jdbc.update(db, "ArticleDao.delete", DELETE_VERSIONED, ps -> {
      Binds.setLong(ps, 1, row.id());
      ps.setLong(2, row.version());
    }) > 0;
    if (!deleted && existsById(row.id())) {
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
    return Jdbc.update(db, "ArticleDao.deleteByIds", DELETE_BY_IDS, ps -> Binds.setArray(ps, 1, "int8", ids));
  }

  /**
   * Reads the current row, selected as {@link #COLUMNS}.
   */
  private static Article map(ResultSet rs) throws SQLException {
    return new Article(
        Reads.getLong(rs, 1),
        rs.getLong(2),
        Reads.getString(rs, 3),
        Reads.getString(rs, 4),
        Reads.getString(rs, 5),
        Reads.getString(rs, 6),
        Reads.getInstant(rs, 7),
        rs.getLong(8));
  }
}
