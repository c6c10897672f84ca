package dev.quarry.readme;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A modular application: the README's {@code module-info.java} beside its records and code,
 * built with the Quick start pom (Maven then compiles against the module path), and run as a
 * module: QuickStart's DAO calls on PostgreSQL, from the module path only.
 */
class ModularBuildIT {
  /** Not README text: a main that hands QuickStart a DataSource over DriverManager (java.sql only). */
  private static final String MAIN = """
      package readme;

      import java.io.PrintWriter;
      import java.sql.Connection;
      import java.sql.DriverManager;
      import java.sql.SQLException;
      import java.util.logging.Logger;
      import javax.sql.DataSource;

      public final class ModularMain implements DataSource {
        private final String url;

        private ModularMain(String url) {
          this.url = url;
        }

        public static void main(String[] args) {
          ModularMain ds = new ModularMain(args[0]);
          QuickStart.run(ds);
          System.out.println("owners: " + new OwnerDao(dev.quarry.runtime.Database.of(ds)).count()
              + ", module " + ModularMain.class.getModule().getName());
        }

        @Override public Connection getConnection() throws SQLException { return DriverManager.getConnection(url); }
        @Override public Connection getConnection(String u, String p) throws SQLException { return getConnection(); }
        @Override public PrintWriter getLogWriter() { return null; }
        @Override public void setLogWriter(PrintWriter out) {}
        @Override public void setLoginTimeout(int seconds) {}
        @Override public int getLoginTimeout() { return 0; }
        @Override public Logger getParentLogger() { return Logger.getGlobal(); }
        @Override public <T> T unwrap(Class<T> type) throws SQLException { throw new SQLException("not a wrapper"); }
        @Override public boolean isWrapperFor(Class<?> type) { return false; }
      }
      """;

  @Test
  void aModularProjectBuildsFromTheReadmeAndRunsOnTheModulePath() throws Exception {
    String readme = ReadmeProjects.readme();
    String moduleInfo = ReadmeProjects.block(readme, "java", "requires dev.quarry.runtime;");
    Path project = ReadmeProjects.newProject(ReadmeProjects.block(readme, "xml", "<annotationProcessorPaths>"));
    try {
      ReadmeProjects.writeJavaBlocks(readme, project);
      Files.writeString(project.resolve("src/main/java/module-info.java"), moduleInfo);
      Files.writeString(project.resolve("src/main/java/readme/ModularMain.java"), MAIN);
      ReadmeProjects.build(project);
      assertTrue(Files.exists(project.resolve("target/classes/module-info.class")));

      String modulePath = String.join(File.pathSeparator, project.resolve("target/classes").toString(),
          ReadmeProjects.jar("quarry-annotations").toString(), ReadmeProjects.jar("quarry-runtime").toString(),
          ReadmeProjects.jar("postgresql").toString());
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String module = ReadmeProjects.moduleName(moduleInfo);
      ReadmeProjects.inSchema(url -> {
        String out = ReadmeProjects.run(project, List.of(java, "--module-path", modulePath,
            "--add-modules", "org.postgresql.jdbc", "--module", module + "/readme.ModularMain", url));
        assertTrue(out.contains("owners: 1, module " + module), out);
      });
    } finally {
      ReadmeProjects.deleteTree(project);
    }
  }
}
