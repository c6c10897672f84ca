package dev.quarry.readme;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A strict build: the Quick start pom with the README's {@code -Xlint:all -Werror} compiler
 * arguments, over every README record and class. Any warning javac has about the generated code,
 * or any Quarry annotation left unclaimed, fails it.
 */
class StrictBuildIT {
  @Test
  void theReadmeBuildsUnderWerror() throws Exception {
    String readme = ReadmeProjects.readme();
    String pom = ReadmeProjects.block(readme, "xml", "<annotationProcessorPaths>");
    String strict = ReadmeProjects.block(readme, "xml", "<arg>-Werror</arg>");
    assertTrue(pom.contains("<configuration>\n"), pom);
    Path project = ReadmeProjects.newProject(pom.replace("<configuration>\n", "<configuration>\n" + strict));
    try {
      ReadmeProjects.writeJavaBlocks(readme, project);
      ReadmeProjects.build(project);
    } finally {
      ReadmeProjects.deleteTree(project);
    }
  }
}
