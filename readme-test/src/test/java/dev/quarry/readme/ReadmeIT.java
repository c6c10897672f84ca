package dev.quarry.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A newcomer's first hour, replayed: a new Maven project made of nothing but the README's text
 * (its Quick start {@code pom.xml} snippet and every {@code ```java} block, each pasted into a
 * file of its own), built by the same Maven that runs this build, against the jars this build
 * just packaged, then every README class with a {@code public static void run(DataSource)} run
 * against PostgreSQL.
 *
 * <p>The jars go into a private local repository under {@code target/}, never the user's, so
 * {@code mvn verify} needs no {@code install} first. Everything else is read from the outer
 * build's local repository (as a file repository, releases only) or Maven Central.
 */
class ReadmeIT {
  /**
   * A fenced block whose info string is one word. A block fenced {@code ```java example-spring}
   * is an excerpt of that module (compiled and tested there), not a snippet for an empty
   * project, so it does not match.
   */
  private static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w+)\\n(.*?)^```$");
  private static final Pattern PUBLIC_TYPE =
      Pattern.compile("(?m)^public\\s+(?:final\\s+|abstract\\s+)*(?:class|record|interface|enum|@interface)\\s+(\\w+)");

  @Test
  void aProjectMadeOfTheReadmeCompilesAndRuns() throws Exception {
    String readme = Files.readString(Path.of(System.getProperty("readme.path")));
    Path project = Files.createTempDirectory("quarry-readme");
    try {
      Files.createDirectories(project.resolve(".mvn")); // the project is its own root
      Files.writeString(project.resolve("pom.xml"), pom(block(readme, "xml", "<annotationProcessorPaths>")));
      int files = writeJavaBlocks(readme, project.resolve("src/main/java/readme"));
      assertTrue(files >= 5, "README java blocks found: " + files);

      build(project);

      run(project.resolve("target/classes"));
    } finally {
      deleteTree(project);
    }
  }

  /** The README's Maven snippet, pasted into the smallest pom a user would write around it. */
  private static String pom(String snippet) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>readme</groupId>
          <artifactId>readme-project</artifactId>
          <version>1</version>
          <properties>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
          </properties>
        """ + snippet + "</project>\n";
  }

  /** The one fenced block of {@code language} that contains {@code marker}. */
  private static String block(String readme, String language, String marker) {
    List<String> found = new ArrayList<>();
    Matcher m = FENCE.matcher(readme);
    while (m.find()) {
      if (m.group(1).equals(language) && m.group(2).contains(marker)) {
        found.add(m.group(2));
      }
    }
    assertEquals(1, found.size(), "README blocks of " + language + " with " + marker);
    return found.get(0);
  }

  /**
   * Every {@code ```java} block becomes a file in package {@code readme}, named after its public
   * type (a block without one gets a name of its own). A block that is not a whole compilation
   * unit (a fragment, missing imports) fails the build: that is the point.
   */
  private static int writeJavaBlocks(String readme, Path dir) throws IOException {
    Files.createDirectories(dir);
    Matcher m = FENCE.matcher(readme);
    int n = 0;
    while (m.find()) {
      if (!m.group(1).equals("java")) {
        continue;
      }
      n++;
      String code = m.group(2);
      Matcher type = PUBLIC_TYPE.matcher(code);
      String name = type.find() ? type.group(1) : "ReadmeBlock" + n;
      Path file = dir.resolve(name + ".java");
      assertTrue(Files.notExists(file), "two README blocks declare " + name);
      // Line numbers in javac's errors are README block lines plus one.
      Files.writeString(file, "package readme;\n" + code);
    }
    return n;
  }

  private static void build(Path project) throws Exception {
    Path repository = privateRepository();
    Path settings = project.resolve("settings.xml");
    Files.writeString(settings, settings(Path.of(System.getProperty("outer.repository"))));
    Path log = project.resolve("build.log");
    String mvn = Path.of(System.getProperty("maven.home"), "bin",
        System.getProperty("os.name").startsWith("Windows") ? "mvn.cmd" : "mvn").toString();
    Process p = new ProcessBuilder(mvn, "-B", "-ntp", "-s", settings.toString(),
        "-Dmaven.repo.local=" + repository, "compile")
        .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail("the README project's build did not finish in 5 minutes:\n" + Files.readString(log));
    }
    if (p.exitValue() != 0) {
      fail("the README project does not build (mvn compile, exit " + p.exitValue() + "); java files are README "
          + "blocks with 'package readme;' as line 1:\n" + Files.readString(log));
    }
  }

  /**
   * target/readme-m2 with this build's quarry artifacts "installed" (the layout of a local
   * repository), kept between runs so the plugins Maven fetches are fetched once.
   */
  private static Path privateRepository() throws Exception {
    Path repository = Path.of(System.getProperty("work.directory"), "readme-m2");
    Path root = Path.of(System.getProperty("quarry.root"));
    String version = System.getProperty("quarry.version");
    deleteTree(repository.resolve("dev/quarry"));
    put(repository, "quarry-parent", version, root.resolve("pom.xml"), null);
    put(repository, "quarry-annotations", version, root.resolve("annotations/pom.xml"), jarOf("quarry-annotations", version));
    put(repository, "quarry-runtime", version, root.resolve("runtime/pom.xml"), jarOf("quarry-runtime", version));
    put(repository, "quarry-processor", version, root.resolve("processor/pom.xml"), jarOf("quarry-processor", version));
    return repository;
  }

  /** The packaged jar of a dependency of this module, as the test classpath has it. */
  private static Path jarOf(String artifactId, String version) {
    String name = artifactId + "-" + version + ".jar";
    return Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .map(Path::of).filter(p -> p.getFileName().toString().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError(name + " is not on the test classpath ("
            + System.getProperty("java.class.path") + "); run this test in the integration-test phase (mvn verify)"));
  }

  private static void put(Path repository, String artifactId, String version, Path pom, Path jar) throws IOException {
    Path dir = repository.resolve("dev/quarry/" + artifactId + "/" + version);
    Files.createDirectories(dir);
    Files.copy(pom, dir.resolve(artifactId + "-" + version + ".pom"), StandardCopyOption.REPLACE_EXISTING);
    if (jar != null) {
      Files.copy(jar, dir.resolve(artifactId + "-" + version + ".jar"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * The outer build's local repository, read as a file repository for releases only (a local
   * repository keeps no checksums, so Maven is told not to look for them).
   */
  private static String settings(Path outer) {
    return """
        <settings>
          <profiles>
            <profile>
              <id>outer</id>
              <repositories>
                <repository>
                  <id>outer-local</id>
                  <url>%1$s</url>
                  <releases><checksumPolicy>ignore</checksumPolicy></releases>
                  <snapshots><enabled>false</enabled></snapshots>
                </repository>
              </repositories>
              <pluginRepositories>
                <pluginRepository>
                  <id>outer-local</id>
                  <url>%1$s</url>
                  <releases><checksumPolicy>ignore</checksumPolicy></releases>
                  <snapshots><enabled>false</enabled></snapshots>
                </pluginRepository>
              </pluginRepositories>
            </profile>
          </profiles>
          <activeProfiles><activeProfile>outer</activeProfile></activeProfiles>
        </settings>
        """.formatted(outer.toUri());
  }

  /** Runs every README class that has {@code public static void run(DataSource)}, each in a schema of its own. */
  private static void run(Path classes) throws Exception {
    List<String> ran = new ArrayList<>();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ReadmeIT.class.getClassLoader());
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
        String name = classes.relativize(f).toString().replace('/', '.').replace('\\', '.').replaceAll("\\.class$", "");
        Class<?> type = loader.loadClass(name);
        for (Method m : type.getDeclaredMethods()) {
          if (m.getName().equals("run") && Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers())
              && m.getParameterCount() == 1 && m.getParameterTypes()[0] == DataSource.class) {
            inSchema(ds -> m.invoke(null, ds));
            ran.add(name);
          }
        }
      }
    }
    assertTrue(ran.contains("readme.QuickStart"), "ran " + ran);
  }

  private interface WithDataSource {
    void accept(DataSource ds) throws Exception;
  }

  private static void inSchema(WithDataSource body) throws Exception {
    String url = ReadmeDatabase.url();
    String schema = "readme_" + Long.toHexString(System.nanoTime() & 0xFFFFFFL);
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    try {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setURL(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
      body.accept(ds);
    } finally {
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (Files.notExists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
