package dev.quarry.example;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.quarry.runtime.Database;
import dev.quarry.runtime.Explain;
import dev.quarry.runtime.Slice;
import dev.quarry.runtime.ForeignKeyViolationException;
import dev.quarry.runtime.OptimisticLockException;
import dev.quarry.runtime.Schema;
import dev.quarry.runtime.TxOptions;
import dev.quarry.runtime.UniqueViolationException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the example end to end against PostgreSQL: {@code QUARRY_JDBC_URL} when set, else the
 * server on 127.0.0.1:5432 (database {@code test}, user {@code postgres}) when one answers, else
 * an embedded PostgreSQL started for the run. The first line printed says which. Everything
 * lives in the schema {@code quarry_example}, recreated at each run.
 */
public final class ExampleApp {
  static final String SCHEMA = "quarry_example";

  private ExampleApp() {}

  public static void main(String[] args) throws Exception {
    try (ExampleDatabase database = ExampleDatabase.resolve(System.getenv("QUARRY_JDBC_URL"),
        ExampleDatabase.LOCAL_HOST, ExampleDatabase.LOCAL_PORT, ExampleDatabase.LOCAL_URL)) {
      System.out.println("Using " + database.description());
      run(database.url());
    }
  }

  /** Recreates the example's schema in the database at {@code url} and runs every step there. */
  static void run(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      s.execute("CREATE SCHEMA " + SCHEMA);
    }
    try (HikariDataSource pool = pool(url)) {
      run(Database.of(pool));
    }
    System.out.println("example finished");
  }

  /**
   * A small pool: the total across all instances must stay under the server's
   * max_connections. HikariCP checks a connection before lending it when it has been idle,
   * which is what saves you when a managed PostgreSQL has silently closed an idle socket, and
   * maxLifetime recycles connections before such a server (or a proxy) drops them.
   */
  static HikariDataSource pool(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
    config.setMaximumPoolSize(5);
    config.setMaxLifetime(30 * 60_000);
    config.setPoolName("quarry-example");
    return new HikariDataSource(config);
  }

  static void run(Database db) {
    step("apply the schema (idempotent, so twice is fine)");
    for (int i = 0; i < 2; i++) {
      Schema.apply(db, OwnerSchema.statements());
      Schema.apply(db, DocumentSchema.statements());
      Schema.apply(db, ApiKeySchema.statements());
      Schema.apply(db, AccountSchema.statements());
      Schema.apply(db, EventSchema.statements());
    }
    OwnerDao owners = new OwnerDao(db);
    DocumentDao documents = new DocumentDao(db);
    ApiKeyDao apiKeys = new ApiKeyDao(db);
    AccountDao accounts = new AccountDao(db);

    step("insert: PostgreSQL picks the identity and RETURNING gives the stored row");
    Owner ada = owners.insert(new Owner(null, "ada@example.com", "Ada"));
    Owner alan = owners.insert(new Owner(null, "alan@example.com", "Alan"));
    show(ada);
    show(owners.findByEmail("alan@example.com").orElseThrow());

    step("a unique violation is typed and keeps the constraint name, never the value");
    try {
      owners.insert(new Owner(null, "ada@example.com", "Impostor"));
    } catch (UniqueViolationException e) {
      show("UniqueViolationException on " + e.constraint().orElse("?"));
    }

    step("one transaction per unit of work: an owner and her documents, all or nothing");
    db.transaction(() -> {
      for (int i = 1; i <= 3; i++) {
        documents.insert(new Document(null, ada.id(), "Notes " + i, "body " + i, "[\"draft\"]", null, null, null));
      }
      documents.insert(new Document(null, alan.id(), "On computable numbers", "the Entscheidungsproblem", null,
          null, null, null));
    });
    try {
      db.transaction(() -> {
        documents.insert(new Document(null, ada.id(), "Never stored", null, null, null, null, null));
        throw new IllegalStateException("the unit fails halfway");
      });
    } catch (IllegalStateException e) {
      show("rolled back: " + e.getMessage() + "; documents now " + documents.count());
    }

    step("kill N+1: the documents of many owners in one query");
    Map<Long, List<Document>> byOwner = documents.findByOwnerIdIn(List.of(ada.id(), alan.id()));
    byOwner.forEach((owner, docs) -> show("owner " + owner + " has " + count(docs.size(), "document")));

    step("offset page with a deterministic order and the total");
    var page = documents.page(1, 2);
    show("page " + page.page() + " of " + page.totalPages() + ": " + page.items().stream().map(Document::title).toList());

    step("timestamps belong to PostgreSQL: created stays, updated moves on every DAO update");
    Document note = documents.findByOwnerId(ada.id()).get(0);
    Document edited = documents.update(new Document(note.id(), note.ownerId(), "Notes 1 (edited)", note.body(), note.tags(),
        null, null, null)).orElseThrow();
    show("created " + edited.createdAt() + ", updated " + edited.updatedAt());

    step("soft delete: reads stop seeing the row, includingDeleted() still does, restore undoes it");
    documents.delete(edited.id());
    show("live: " + documents.existsById(edited.id()) + ", including deleted: "
        + documents.includingDeleted().existsById(edited.id()));
    show("restored: " + documents.restore(edited.id()));

    step("upsert by a unique key: one atomic statement, no read-then-write race");
    show(owners.upsertByEmail(new Owner(null, "grace@example.com", "Grace")));
    show(owners.upsertByEmail(new Owner(null, "grace@example.com", "Grace Hopper")));

    step("bulk load 10,000 documents through binary COPY, then upsert 2,000 owners in one call");
    List<Document> many = new java.util.ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      many.add(new Document(null, alan.id(), "Bulk note " + i, i % 100 == 0 ? "about machines" : "about tea", null,
          null, null, null));
    }
    long start = System.nanoTime();
    show("insertAll stored " + documents.insertAll(many) + " rows in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    List<Owner> batch = new java.util.ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      batch.add(new Owner(null, "reader" + (i % 1_500) + "@example.com", "Reader " + i));
    }
    show("upsertAllByEmail wrote " + owners.upsertAllByEmail(batch) + " rows (duplicates in the batch: last one wins)");

    step("keyset pages: newest first, constant time at any depth, opaque signed cursors");
    Slice<Document> first = documents.firstSlice(3);
    first.items().forEach(d -> show(d.createdAt() + " #" + d.id() + " " + d.title()));
    Slice<Document> second = documents.sliceAfter(first.next().orElseThrow(), 3);
    show("next cursor " + first.next().orElseThrow().token());
    show("second slice starts at #" + second.items().get(0).id() + "; previous present: " + second.previous().isPresent());

    step("custom SQL: DocumentDao implements DocumentQueries");
    List<Document> recent = documents.recentByOwner(alan.id(), 2);
    show(recent.stream().map(Document::title).toList());
    show("renamed: " + documents.rename(recent.get(0).id(), "Bulk note, renamed"));

    step("full-text search, ranked, whatever the user types");
    documents.search("machines -tea", 3).forEach(d -> show("hit #" + d.id() + " " + d.title()));
    show("odd input is fine: " + count(documents.search("\"unclosed OR -", 3).size(), "hit"));

    step("partitioned events: maintenance creates months ahead, scheduled like any job");
    EventDao events = new EventDao(db);
    show(events.partitions().maintain());
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    scheduler.scheduleAtFixedRate(() -> events.partitions().maintain(), 1, 1, TimeUnit.HOURS);
    Instant now = Instant.now();
    for (int i = 0; i < 100; i++) {
      events.insert(new Event(i, now.plusSeconds(i * 60L), ada.id(), i % 2 == 0 ? "login" : "edit"));
    }
    Instant monthStart = now.atZone(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant();
    Instant monthEnd = now.atZone(ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1).truncatedTo(ChronoUnit.DAYS).toInstant();
    show("this month: " + count(events.countByOccurredAtBetween(monthStart, monthEnd), "event") + "; the query scans "
        + Explain.scannedPartitions(db, EventDao.COUNT_BY_OCCURRED_AT_BETWEEN, monthStart, monthEnd));
    events.partitions().list().forEach(p -> show(p.name() + " " + p.bound()));
    scheduler.shutdownNow();

    step("UUIDv7 keys are time-ordered");
    for (int i = 0; i < 3; i++) {
      show(apiKeys.insert(new ApiKey(null, ada.id(), "key " + i, Instant.now())).id());
    }

    step("optimistic locking: a stale update is refused, nothing is written");
    Account account = accounts.insert(new Account(null, "Ada", new BigDecimal("100.00"), 0));
    Account paid = accounts.update(new Account(account.id(), "Ada", new BigDecimal("75.00"), account.version())).orElseThrow();
    try {
      accounts.update(new Account(account.id(), "Ada", new BigDecimal("999.00"), account.version()));
    } catch (OptimisticLockException e) {
      show("stale write refused; balance stays " + accounts.findById(paid.id()).orElseThrow().balance());
    }

    step("SERIALIZABLE with retries for a read-modify-write");
    BigDecimal after = db.transaction(TxOptions.defaults().isolation(TxOptions.Isolation.SERIALIZABLE).retries(5), () -> {
      Account a = accounts.findById(paid.id()).orElseThrow();
      return accounts.update(new Account(a.id(), a.holder(), a.balance().add(BigDecimal.TEN), a.version()))
          .orElseThrow().balance();
    });
    show("balance " + after);

    step("exists and count run in PostgreSQL");
    show("owner exists: " + owners.existsById(ada.id()) + ", owners: " + owners.count());

    step("foreign keys: Ada's API keys block deleting her (no cascade there); her documents cascade");
    try {
      owners.delete(ada.id());
    } catch (ForeignKeyViolationException e) {
      show("ForeignKeyViolationException on " + e.constraint().orElse("?"));
    }
    db.transaction(() -> {
      List<ApiKey> keys = apiKeys.findByOwnerId(ada.id());
      apiKeys.deleteByIds(keys.stream().map(ApiKey::id).toList());
      owners.delete(ada.id());
    });
    show("Ada deleted; documents left " + documents.count() + " (hers cascaded, soft-deleted ones included)");
  }

  /** "1 document", "3 documents". */
  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static void step(String what) {
    System.out.println();
    System.out.println("== " + what);
  }

  private static void show(Object what) {
    System.out.println("   " + what);
  }
}
