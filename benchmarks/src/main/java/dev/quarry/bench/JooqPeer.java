package dev.quarry.bench;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Record3;
import org.jooq.Record6;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * jOOQ's plain DSL, without generated classes: tables and typed fields declared once by name,
 * queries built per call as jOOQ users write them, rows mapped by a lambda (no reflection).
 * Settings: execute logging off (jOOQ would otherwise check its debug logger on every query),
 * everything else jOOQ's default. Bulk writes: {@code batch(query).bind(...)} in batches of 1000
 * in one transaction, which pgjdbc rewrites into multi-row inserts like everyone else's.
 */
final class JooqPeer {
  private static final Table<Record> EVENTS = table(name("bench_events"));
  private static final Table<Record> ENTRIES = table(name("bench_entries"));
  private static final Table<Record> POSTS = table(name("bench_posts"));
  private static final Field<Long> ID = field(name("id"), SQLDataType.BIGINT);
  private static final Field<Long> ACCOUNT_ID = field(name("account_id"), SQLDataType.BIGINT);
  private static final Field<String> KIND = field(name("kind"), SQLDataType.CLOB);
  private static final Field<BigDecimal> AMOUNT = field(name("amount"), SQLDataType.NUMERIC);
  private static final Field<Instant> CREATED_AT = field(name("created_at"), SQLDataType.INSTANT);
  private static final Field<String> NOTE = field(name("note"), SQLDataType.CLOB);
  private static final Field<String> TITLE = field(name("title"), SQLDataType.CLOB);

  static {
    // The banner and tips jOOQ prints on first use.
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
  }

  private final DSLContext ctx;

  JooqPeer(DataSource ds) {
    this.ctx = DSL.using(ds, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
  }

  BenchEvent findById(long id) {
    return ctx.select(ID, ACCOUNT_ID, KIND, AMOUNT, CREATED_AT, NOTE).from(EVENTS).where(ID.eq(id))
        .fetchOne(JooqPeer::event);
  }

  BenchEvent insert(BenchEvent e) {
    return ctx.insertInto(EVENTS, ID, ACCOUNT_ID, KIND, AMOUNT, CREATED_AT, NOTE)
        .values(e.id(), e.accountId(), e.kind(), e.amount(), e.createdAt(), e.note())
        .returningResult(ID, ACCOUNT_ID, KIND, AMOUNT, CREATED_AT, NOTE)
        .fetchOne(JooqPeer::event);
  }

  BenchEvent update(BenchEvent e) {
    return ctx.update(EVENTS).set(ACCOUNT_ID, e.accountId()).set(KIND, e.kind()).set(AMOUNT, e.amount())
        .set(CREATED_AT, e.createdAt()).set(NOTE, e.note()).where(ID.eq(e.id()))
        .returningResult(ID, ACCOUNT_ID, KIND, AMOUNT, CREATED_AT, NOTE)
        .fetchOne(JooqPeer::event);
  }

  void insertAll(List<BenchEvent> rows) {
    batch(rows, tx -> tx.insertInto(EVENTS, ID, ACCOUNT_ID, KIND, AMOUNT, CREATED_AT, NOTE)
        .values((Long) null, null, null, null, null, null), false);
  }

  void insertAllIdentity(List<BenchEvent> rows) {
    batch(rows, tx -> tx.insertInto(ENTRIES, ACCOUNT_ID, KIND, AMOUNT, CREATED_AT, NOTE)
        .values((Long) null, null, null, null, null), true);
  }

  void upsertAll(List<BenchEvent> rows) {
    batch(rows, tx -> tx.insertInto(EVENTS, ID, ACCOUNT_ID, KIND, AMOUNT, CREATED_AT, NOTE)
        .values((Long) null, null, null, null, null, null)
        .onConflict(ID).doUpdate()
        .set(ACCOUNT_ID, DSL.excluded(ACCOUNT_ID)).set(KIND, DSL.excluded(KIND)).set(AMOUNT, DSL.excluded(AMOUNT))
        .set(CREATED_AT, DSL.excluded(CREATED_AT)).set(NOTE, DSL.excluded(NOTE)), false);
  }

  private void batch(List<BenchEvent> rows, java.util.function.Function<DSLContext, Query> statement, boolean withoutId) {
    ctx.transaction(configuration -> {
      DSLContext tx = DSL.using(configuration);
      Query query = statement.apply(tx);
      for (int from = 0; from < rows.size(); from += HandJdbc.BATCH) {
        BatchBindStep batch = tx.batch(query);
        for (BenchEvent e : rows.subList(from, Math.min(rows.size(), from + HandJdbc.BATCH))) {
          if (withoutId) {
            batch.bind(e.accountId(), e.kind(), e.amount(), e.createdAt(), e.note());
          } else {
            batch.bind(e.id(), e.accountId(), e.kind(), e.amount(), e.createdAt(), e.note());
          }
        }
        batch.execute();
      }
    });
  }

  /** jOOQ's own keyset clause: {@code seek} after the last row's sort keys. */
  List<BenchPost> seekAfter(BenchPost at, int size) {
    return ctx.select(ID, CREATED_AT, TITLE).from(POSTS)
        .orderBy(CREATED_AT.desc(), ID.desc())
        .seek(at.createdAt(), at.id())
        .limit(size)
        .fetch(JooqPeer::post);
  }

  private static BenchEvent event(Record6<Long, Long, String, BigDecimal, Instant, String> r) {
    return new BenchEvent(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6());
  }

  private static BenchPost post(Record3<Long, Instant, String> r) {
    return new BenchPost(r.value1(), r.value2(), r.value3());
  }
}
