package dev.quarry.it;

import dev.quarry.runtime.Database;
import dev.quarry.runtime.TableDefinition;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * One version of some records, compiled with the processor as a user's build would compile
 * them, so a test can hold two versions of the same record side by side: the schema each
 * declares, and a DAO of each to run against the database.
 */
final class Versions {
  private final ClassLoader loader;
  private final Path output;

  private Versions(ClassLoader loader, Path output) {
    this.loader = loader;
    this.output = output;
  }

  /**
   * Compiles {@code sources} (each a whole compilation unit in package {@code evo}, with
   * {@code dev.quarry.*}, {@code java.time.*} and {@code java.util.*} imported).
   */
  static Versions compile(String... sources) throws IOException {
    Path dir = Files.createTempDirectory("quarry-version");
    Path src = Files.createDirectories(dir.resolve("src/evo"));
    Path out = Files.createDirectories(dir.resolve("classes"));
    List<String> options = List.of("-d", out.toString(), "-classpath", System.getProperty("java.class.path"));
    List<String> files = new ArrayList<>();
    for (String source : sources) {
      String name = source.replaceAll("(?s).*?\\brecord\\s+(\\w+).*", "$1");
      Path file = src.resolve(name + ".java");
      Files.writeString(file, "package evo;\nimport dev.quarry.*;\nimport java.time.*;\nimport java.util.*;\n"
          + "@interface Nullable {}\n".repeat(name.equals(firstName(sources)) ? 1 : 0) + source);
      files.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    boolean compiled = javac.getTask(errors, null, null, options, null,
        javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8).getJavaFileObjectsFromStrings(files))
        .call();
    if (!compiled) {
      throw new IllegalStateException("compilation failed:\n" + errors);
    }
    return new Versions(new URLClassLoader(new URL[] {out.toUri().toURL()}, Versions.class.getClassLoader()), out);
  }

  private static String firstName(String[] sources) {
    return sources[0].replaceAll("(?s).*?\\brecord\\s+(\\w+).*", "$1");
  }

  /** {@code evo.<record>Schema.definition()}. */
  TableDefinition definition(String record) {
    return (TableDefinition) call(type(record + "Schema"), "definition", null);
  }

  /** {@code evo.<record>Schema.statements()}. */
  @SuppressWarnings("unchecked")
  List<String> statements(String record) {
    return (List<String>) call(type(record + "Schema"), "statements", null);
  }

  /** The generated {@code META-INF/quarry/schema.sql} of this version. */
  String schemaSql() throws IOException {
    return Files.readString(output.resolve("META-INF/quarry/schema.sql"));
  }

  /** A new {@code evo.<record>Dao} on {@code db}. */
  Object dao(String record, Database db) {
    try {
      Constructor<?> c = type(record + "Dao").getDeclaredConstructor(Database.class);
      c.setAccessible(true);
      return c.newInstance(db);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A row of {@code evo.<record>} from its canonical constructor. */
  Object row(String record, Object... values) {
    try {
      Constructor<?> c = type(record).getDeclaredConstructors()[0];
      c.setAccessible(true);
      return c.newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Calls the public method {@code name} on a DAO (or a static one when {@code target} is a class). */
  static Object call(Object target, String name, Object... args) {
    Class<?> type = target instanceof Class<?> c ? c : target.getClass();
    for (Method m : type.getDeclaredMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == (args == null ? 0 : args.length)) {
        try {
          m.setAccessible(true);
          return m.invoke(target instanceof Class<?> ? null : target, args);
        } catch (InvocationTargetException e) {
          throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    throw new IllegalArgumentException("no method " + name + " on " + type);
  }

  Class<?> type(String simpleName) {
    try {
      return Class.forName("evo." + simpleName, true, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
