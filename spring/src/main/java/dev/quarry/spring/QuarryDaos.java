package dev.quarry.spring;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.util.ClassUtils;

/**
 * The generated DAOs of the application, read from the {@code META-INF/quarry/daos} index the
 * processor writes into each compilation's output (one per jar), never by scanning classes.
 */
final class QuarryDaos {
  static final String INDEX = "META-INF/quarry/daos";

  private QuarryDaos() {}

  /**
   * The DAO class of every line of every index on the class path, in file then line order, each
   * once (a line names a DAO, then the schema class of the same record).
   */
  static List<String> read(ClassLoader loader) {
    Set<String> entries = new LinkedHashSet<>();
    try {
      Enumeration<URL> files = loader.getResources(INDEX);
      while (files.hasMoreElements()) {
        read(files.nextElement(), entries);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + INDEX, e);
    }
    return new ArrayList<>(entries);
  }

  private static void read(URL file, Set<String> into) throws IOException {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(file.openStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\\s+");
        if (parts.length != 2) {
          throw new IllegalStateException(file + ": expected '<dao class> <schema class>', found '" + line + "'");
        }
        into.add(parts[0]);
      }
    }
  }

  /** Loads {@code name}, failing with the index named when a stale index lists a class no longer there. */
  static Class<?> load(String name, ClassLoader loader) {
    try {
      return ClassUtils.forName(name, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException("Quarry's " + INDEX + " lists " + name
          + ", which cannot be loaded; rebuild the module that generated it", e);
    }
  }
}
