package dev.quarry.runtime;

import dev.quarry.runtime.internal.SqlStates;
import java.io.IOException;
import java.io.StringReader;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * What PostgreSQL would do with a statement: for checking that an index is used, or that a
 * range query prunes partitions ("Not using EXPLAIN: verify pruning works. Don't assume").
 * Parameters are bound as a DAO binds them, so the plan is the one the DAO gets.
 */
public final class Explain {
  private static final Pattern SCAN = Pattern.compile("(?<!Bitmap )(?:Seq Scan|Index Scan|Index Only Scan|Bitmap Heap Scan|"
      + "Tid Scan|Tid Range Scan|Sample Scan|Foreign Scan)(?: Backward)?(?: using \\S+)? on (\\S+)");

  private Explain() {}

  /** The lines of {@code EXPLAIN} for {@code sql} with {@code params} bound. */
  public static List<String> plan(Database db, String sql, Object... params) {
    return db.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
        for (int i = 0; i < params.length; i++) {
          Object p = params[i];
          ps.setObject(i + 1, p instanceof Instant t ? OffsetDateTime.ofInstant(t, ZoneOffset.UTC)
              : p instanceof Enum<?> e ? e.name() : p);
        }
        List<String> lines = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            lines.add(rs.getString(1));
          }
        }
        return lines;
      } catch (SQLException e) {
        throw SqlStates.translate(e, "Explain.plan", sql);
      }
    });
  }

  /**
   * The partitions the statement would scan, in plan order, after the planner's pruning: only
   * relations that are partitions ({@code pg_class.relispartition}), never their indexes, the
   * partitioned parent or other tables of a join, whatever the plan's shape (sequential, index,
   * index-only, bitmap or parallel scans, an append under a join or a subquery). Read from
   * {@code EXPLAIN (VERBOSE, FORMAT XML)}, whose scan nodes name the relation they read apart
   * from the index they use. Partitions pruned only at execution time ("Subplans Removed") are
   * still listed; pass literal-like parameters to see plan-time pruning.
   */
  public static List<String> scannedPartitions(Database db, String sql, Object... params) {
    List<String> xml = plan(db, "(VERBOSE, FORMAT XML) " + sql, params);
    List<String[]> relations = relations(String.join("\n", xml));
    if (relations.isEmpty()) {
      return List.of();
    }
    return db.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT c.relispartition FROM pg_catalog.pg_class c "
          + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
        LinkedHashSet<String> partitions = new LinkedHashSet<>();
        for (String[] r : relations) {
          ps.setString(1, r[0]);
          ps.setString(2, r[1]);
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next() && rs.getBoolean(1)) {
              partitions.add(r[1]);
            }
          }
        }
        return List.copyOf(partitions);
      } catch (SQLException e) {
        throw SqlStates.translate(e, "Explain.scannedPartitions", sql);
      }
    });
  }

  /** Every (schema, relation) a plan node reads, in document order. */
  private static List<String[]> relations(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
      NodeList names = doc.getElementsByTagName("Relation-Name");
      List<String[]> out = new ArrayList<>();
      for (int i = 0; i < names.getLength(); i++) {
        Element name = (Element) names.item(i);
        String schema = null;
        for (Node n = name.getParentNode().getFirstChild(); n != null; n = n.getNextSibling()) {
          if (n instanceof Element e && e.getTagName().equals("Schema")) {
            schema = e.getTextContent();
          }
        }
        out.add(new String[] {schema, name.getTextContent()});
      }
      return out;
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new IllegalStateException("EXPLAIN (FORMAT XML) output could not be read", e);
    }
  }

  /**
   * The tables the scan nodes of an {@code EXPLAIN} text output read, in plan order; index
   * names never (a {@code Bitmap Index Scan} reads an index, its {@code Bitmap Heap Scan} the
   * table). Prefer {@link #scannedPartitions}, which asks the catalog what each relation is.
   */
  public static List<String> scanned(List<String> plan) {
    LinkedHashSet<String> scanned = new LinkedHashSet<>();
    for (String line : plan) {
      Matcher m = SCAN.matcher(line);
      if (m.find()) {
        scanned.add(m.group(1));
      }
    }
    return List.copyOf(scanned);
  }

  /**
   * On a Citus coordinator, the number of shards the statement would run on: the sum of the
   * {@code Task Count} of each distributed step in its {@code EXPLAIN}. A finder that filters
   * by the distribution column gives 1 (a router query); a read that fans out gives the shard
   * count (32 by default, Citus' {@code citus.shard_count}). A statement over tables that are
   * not distributed (or any statement on PostgreSQL without Citus) gives 0: it runs on one
   * server and no shard. Parameters are bound as for {@link #plan}.
   */
  public static int shardsTouched(Database db, String sql, Object... params) {
    return taskCount(plan(db, sql, params));
  }

  /** The summed {@code Task Count} lines of a Citus {@code EXPLAIN} text output. */
  static int taskCount(List<String> plan) {
    int tasks = 0;
    for (String line : plan) {
      Matcher m = TASK_COUNT.matcher(line);
      if (m.find()) {
        tasks += Integer.parseInt(m.group(1));
      }
    }
    return tasks;
  }

  private static final Pattern TASK_COUNT = Pattern.compile("^\\s*(?:->\\s*)?Task Count: (\\d+)");
}
