package dev.quarry.readme;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A newcomer's first hour, replayed: a new Maven project made of nothing but the README's text
 * (its Quick start {@code pom.xml} snippet and every {@code ```java} block, each pasted into a
 * file of its own) builds against the jars this build just packaged, then every README class
 * with a {@code public static void run(DataSource)} runs against PostgreSQL.
 */
class ReadmeIT {
  @Test
  void aProjectMadeOfTheReadmeCompilesAndRuns() throws Exception {
    String readme = ReadmeProjects.readme();
    Path project = ReadmeProjects.newProject(ReadmeProjects.block(readme, "xml", "<annotationProcessorPaths>"));
    try {
      int files = ReadmeProjects.writeJavaBlocks(readme, project);
      assertTrue(files >= 5, "README java blocks found: " + files);
      ReadmeProjects.build(project);
      runEveryRunMethod(project.resolve("target/classes"));
    } finally {
      ReadmeProjects.deleteTree(project);
    }
  }

  private static void runEveryRunMethod(Path classes) throws Exception {
    List<String> ran = new ArrayList<>();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ReadmeIT.class.getClassLoader());
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
        String name = classes.relativize(f).toString().replace('/', '.').replace('\\', '.').replaceAll("\\.class$", "");
        for (Method m : loader.loadClass(name).getDeclaredMethods()) {
          if (m.getName().equals("run") && Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers())
              && m.getParameterCount() == 1 && m.getParameterTypes()[0] == DataSource.class) {
            ReadmeProjects.inSchema(url -> {
              PGSimpleDataSource ds = new PGSimpleDataSource();
              ds.setURL(url);
              m.invoke(null, ds);
            });
            ran.add(name);
          }
        }
      }
    }
    assertTrue(ran.contains("readme.QuickStart"), "ran " + ran);
  }
}
