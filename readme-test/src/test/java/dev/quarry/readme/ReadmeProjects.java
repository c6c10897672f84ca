package dev.quarry.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
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

/**
 * New Maven projects made of the README's text, built by the Maven that runs this build against
 * the jars it just packaged. The jars go into a private local repository under {@code target/},
 * never the user's, so {@code mvn verify} needs no {@code install} first; everything else is
 * read from the outer build's local repository (as a file repository, releases only) or Maven
 * Central.
 */
final class ReadmeProjects {
  /**
   * A fenced block whose info string is one word. A block fenced {@code ```java example-spring}
   * is an excerpt of that module (compiled and tested there), not a snippet for an empty
   * project, so it does not match.
   */
  private static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w+)\\n(.*?)^```$");
  private static final Pattern TYPE = Pattern.compile(
      "(?m)^(?:public\\s+)?(?:final\\s+|abstract\\s+)*(?:class|record|interface|enum|@interface)\\s+(\\w+)");
  private static final Pattern MODULE = Pattern.compile("(?m)^(?:open\\s+)?module\\s+([\\w.]+)\\s*\\{");

  private ReadmeProjects() {}

  static String readme() throws IOException {
    return Files.readString(Path.of(System.getProperty("readme.path")));
  }

  /** The one fenced block of {@code language} that contains {@code marker}. */
  static String block(String readme, String language, String marker) {
    List<String> found = blocks(readme, language).stream().filter(b -> b.contains(marker)).toList();
    assertEquals(1, found.size(), "README blocks of " + language + " with " + marker);
    return found.get(0);
  }

  static List<String> blocks(String readme, String language) {
    List<String> found = new ArrayList<>();
    Matcher m = FENCE.matcher(readme);
    while (m.find()) {
      if (m.group(1).equals(language)) {
        found.add(m.group(2));
      }
    }
    return found;
  }

  /** The name the README's module-info block declares. */
  static String moduleName(String moduleInfo) {
    Matcher m = MODULE.matcher(moduleInfo);
    assertTrue(m.find(), "not a module declaration: " + moduleInfo);
    return m.group(1);
  }

  /** A new project directory whose pom is the README's Maven snippet in the smallest pom around it. */
  static Path newProject(String pomSnippet) throws IOException {
    Path project = Files.createTempDirectory("quarry-readme");
    Files.createDirectories(project.resolve(".mvn")); // the project is its own root
    Files.writeString(project.resolve("pom.xml"), """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>readme</groupId>
          <artifactId>readme-project</artifactId>
          <version>1</version>
          <properties>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
          </properties>
        """ + pomSnippet + "</project>\n");
    return project;
  }

  /**
   * Every {@code ```java} block that is not a module declaration goes into package
   * {@code readme}, one file per top-level type as a user would paste it: a block's imports go
   * with each of its types, and a type (with the comment and annotations above it) ends at the
   * blank line after its closing brace. A block that is not whole compilation units (a
   * fragment, missing imports) fails the build: that is the point. Returns the number of files.
   */
  static int writeJavaBlocks(String readme, Path project) throws IOException {
    Path dir = project.resolve("src/main/java/readme");
    Files.createDirectories(dir);
    int n = 0;
    for (String code : blocks(readme, "java")) {
      if (MODULE.matcher(code).find()) {
        continue;
      }
      StringBuilder imports = new StringBuilder();
      List<String> types = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      int depth = 0;
      for (String line : code.split("\n", -1)) {
        if (depth == 0 && line.startsWith("import ")) {
          imports.append(line).append('\n');
          continue;
        }
        if (depth == 0 && line.isBlank() && current.toString().contains("}")) {
          types.add(current.toString());
          current.setLength(0);
          continue;
        }
        current.append(line).append('\n');
        depth += count(line, '{') - count(line, '}');
      }
      if (!current.toString().isBlank()) {
        types.add(current.toString());
      }
      for (String type : types) {
        n++;
        Matcher declared = TYPE.matcher(type);
        String name = declared.find() ? declared.group(1) : "ReadmeBlock" + n;
        Path file = dir.resolve(name + ".java");
        assertTrue(Files.notExists(file), "two README blocks declare " + name);
        Files.writeString(file, "package readme;\n" + imports + "\n" + type);
      }
    }
    return n;
  }

  private static int count(String line, char c) {
    String code = line.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"").replaceAll("//.*", "");
    return (int) code.chars().filter(x -> x == c).count();
  }

  /** Runs {@code mvn compile} in the project; fails with Maven's output when it does not build. */
  static void build(Path project) throws Exception {
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
      fail("the README project does not build (mvn compile, exit " + p.exitValue() + "); its java files are "
          + "README blocks with 'package readme;' as line 1:\n" + Files.readString(log));
    }
  }

  /** Runs a command to its end; fails with its output unless it exits 0. Returns the output. */
  static String run(Path directory, List<String> command) throws Exception {
    Path log = Files.createTempFile("quarry-readme-run", ".log");
    try {
      Process p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        fail(command + " did not finish in 2 minutes:\n" + Files.readString(log));
      }
      String out = Files.readString(log);
      assertEquals(0, p.exitValue(), command + "\n" + out);
      return out;
    } finally {
      Files.deleteIfExists(log);
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
    for (String module : List.of("annotations", "runtime", "processor")) {
      put(repository, "quarry-" + module, version, root.resolve(module + "/pom.xml"), jar("quarry-" + module + "-" + version));
    }
    return repository;
  }

  /** A jar on this test's classpath whose file name is {@code name.jar} or starts with {@code name-}. */
  static Path jar(String name) {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of)
        .filter(p -> p.getFileName().toString().equals(name + ".jar")
            || (p.getFileName().toString().startsWith(name + "-") && p.toString().endsWith(".jar")))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + ".jar is not on the test classpath ("
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

  interface WithUrl {
    void accept(String url) throws Exception;
  }

  /** Runs {@code body} with a JDBC URL whose {@code currentSchema} is a new schema, dropped afterwards. */
  static void inSchema(WithUrl body) throws Exception {
    String url = ReadmeDatabase.url();
    String schema = "readme_" + Long.toHexString(System.nanoTime() & 0xFFFFFFL);
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    try {
      body.accept(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    } finally {
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  static void deleteTree(Path root) throws IOException {
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
