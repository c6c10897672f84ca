package dev.quarry.runtime.internal;

import dev.quarry.runtime.QuarryException;
import dev.quarry.runtime.TableDefinition;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code META-INF/quarry/daos} (one line per record: its DAO, then its schema class) from
 * every jar, and asks each schema class for its {@code definition()}.
 */
public final class SchemaDefinitions {
  public static final String INDEX = "META-INF/quarry/daos";

  private SchemaDefinitions() {}

  public static List<TableDefinition> load(ClassLoader loader) {
    ClassLoader from = loader != null ? loader : SchemaDefinitions.class.getClassLoader();
    Map<String, TableDefinition> byTable = new LinkedHashMap<>();
    try {
      Enumeration<URL> files = from.getResources(INDEX);
      while (files.hasMoreElements()) {
        URL file = files.nextElement();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(file.openStream(), StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.trim().split("\\s+");
            if (line.isBlank() || line.startsWith("#") || words.length < 2) {
              continue;
            }
            TableDefinition definition = definition(from, words[1]);
            byTable.putIfAbsent(definition.name(), definition);
          }
        }
      }
    } catch (IOException e) {
      throw new QuarryException("Schema.definitions: cannot read " + INDEX + ": " + e.getMessage(), null, null, e);
    }
    return foreignKeyOrder(List.copyOf(byTable.values()));
  }

  private static TableDefinition definition(ClassLoader loader, String schemaClass) {
    try {
      Method m = Class.forName(schemaClass, true, loader).getDeclaredMethod("definition");
      m.setAccessible(true);  // schema classes of package-private records are package-private
      return (TableDefinition) m.invoke(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new QuarryException("Schema.definitions: " + INDEX + " lists " + schemaClass + ", which has no "
          + "definition() on the class path (rebuild with the current processor): " + e, null, null, e);
    }
  }

  /** Tables after the tables they reference, otherwise in the given order. */
  public static List<TableDefinition> foreignKeyOrder(List<TableDefinition> tables) {
    Map<String, TableDefinition> pending = new LinkedHashMap<>();
    tables.forEach(t -> pending.put(t.name(), t));
    List<TableDefinition> ordered = new ArrayList<>();
    while (!pending.isEmpty()) {
      TableDefinition ready = pending.values().stream()
          .filter(t -> t.foreignKeys().stream().noneMatch(fk -> !fk.targetTable().equals(t.name())
              && pending.containsKey(fk.targetTable())))
          .findFirst().orElse(pending.values().iterator().next());
      ordered.add(ready);
      pending.remove(ready.name());
    }
    return ordered;
  }
}
