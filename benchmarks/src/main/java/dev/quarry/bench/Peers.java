package dev.quarry.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.quarry.runtime.Database;
import java.util.ArrayList;
import java.util.List;

/**
 * Every contender, each with a HikariCP pool of its own: 4 connections, the same URL, Hikari's
 * defaults otherwise. The URL turns on {@code reWriteBatchedInserts} (for every batch-based
 * contender alike) and sets {@code synchronous_commit=off} for every session: a single-row write
 * commits on its own, and waiting for its WAL flush (about 1.5 ms on the machine these figures
 * come from, 30 times the work) would be the same for everyone and would drown what the libraries
 * cost. pgjdbc's defaults otherwise: statements server-prepared from the fifth use, its cache of
 * 256 statements per connection (the statement cache every library here relies on).
 */
final class Peers implements AutoCloseable {
  static final String URL_SETTINGS = "reWriteBatchedInserts=true&options=-c%20synchronous_commit%3Doff";
  static final int POOL_SIZE = 4;

  private final List<HikariDataSource> pools = new ArrayList<>();
  final HandJdbc hand;
  final Database quarry;
  final SpringPeer spring;
  final JdbiPeer jdbi;
  final JooqPeer jooq;
  final HibernatePeer hibernate;

  Peers(String schemaUrl) {
    String url = schemaUrl + (schemaUrl.contains("?") ? "&" : "?") + URL_SETTINGS;
    this.hand = new HandJdbc(pool(url, "hand"));
    this.quarry = Database.of(pool(url, "quarry"));
    this.spring = new SpringPeer(pool(url, "spring"));
    this.jdbi = new JdbiPeer(pool(url, "jdbi"));
    this.jooq = new JooqPeer(pool(url, "jooq"));
    this.hibernate = new HibernatePeer(pool(url, "hibernate"));
  }

  private HikariDataSource pool(String url, String name) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(POOL_SIZE);
    config.setPoolName(name);
    HikariDataSource ds = new HikariDataSource(config);
    pools.add(ds);
    return ds;
  }

  @Override
  public void close() {
    hibernate.close();
    pools.forEach(HikariDataSource::close);
  }
}
