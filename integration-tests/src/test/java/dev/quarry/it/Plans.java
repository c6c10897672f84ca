package dev.quarry.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The plans PostgreSQL actually ran, captured as statements run: {@code auto_explain} logs
 * every top-level plan at level NOTICE, and pgjdbc hands each notice to the statement as a
 * {@link SQLWarning}. Unlike {@code EXPLAIN}, this sees the plan pgjdbc's own protocol led to:
 * a custom plan while the statement is unnamed, the plan cache's choice once pgjdbc prepares it
 * on the server (from the fifth run by default).
 */
final class Plans {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Plans() {}

  /** What one plan does with each relation it reads. */
  record Plan(Set<String> seqScanned, List<Seek> seeks, String text) {}

  /** A relation read through {@code index} under a condition. */
  record Seek(String relation, String index, String condition) {}

  /** Makes {@code c} report the plan of every statement it runs. Superuser only. */
  static void capture(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("LOAD 'auto_explain'");
      s.execute("SET auto_explain.log_min_duration = 0");
      s.execute("SET auto_explain.log_level = notice");
      s.execute("SET auto_explain.log_format = json");
      s.execute("SET client_min_messages = notice");
    }
  }

  /** The plans among {@code warnings} (other notices are skipped). */
  static List<Plan> of(SQLWarning warnings) {
    List<Plan> plans = new ArrayList<>();
    for (SQLWarning w = warnings; w != null; w = w.getNextWarning()) {
      String message = w.getMessage();
      int json = message == null ? -1 : message.indexOf('{');
      if (json < 0 || !message.contains("plan:")) {
        continue;
      }
      try {
        JsonNode root = JSON.readTree(message.substring(json));
        Set<String> seq = new LinkedHashSet<>();
        List<Seek> seek = new ArrayList<>();
        walk(root.path("Plan"), null, seq, seek);
        plans.add(new Plan(seq, seek, message.substring(json)));
      } catch (java.io.IOException e) {
        throw new IllegalStateException("auto_explain printed a plan that is not JSON: " + message, e);
      }
    }
    return plans;
  }

  /**
   * Sorts scan nodes: a relation read by {@code Seq Scan}, or read through an index under a
   * condition (an index scan's {@code Index Cond}, or a bitmap index scan's under the bitmap
   * heap scan of {@code heap}).
   */
  private static void walk(JsonNode node, String heap, Set<String> seq, List<Seek> seeks) {
    String type = node.path("Node Type").asText();
    String relation = node.path("Relation Name").asText(null);
    if (type.equals("Seq Scan")) {
      seq.add(relation);
    } else if (node.has("Index Cond")) {
      seeks.add(new Seek(relation != null ? relation : heap, node.path("Index Name").asText(), node.path("Index Cond").asText()));
    }
    for (JsonNode child : node.path("Plans")) {
      walk(child, type.equals("Bitmap Heap Scan") ? relation : heap, seq, seeks);
    }
  }
}
