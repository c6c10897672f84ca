package dev.quarry.runtime;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Prints {@link Schema#plan} for a database, to review and commit as the next migration. Run it
 * with the application's class path, so {@link Schema#definitions()} finds its records:
 *
 * <pre>
 * java -cp "app.jar:libs/*" dev.quarry.runtime.SchemaTool jdbc:postgresql://host/db?user=u [options]
 *
 *   --out V7__quarry.sql   write the script there (and V7__quarry.sql.conf when Flyway must run it
 *                          outside a transaction) instead of printing it
 *   --diff                 print the differences instead of the plan
 *   --check                exit with status 3 when the database differs from the records (for CI)
 * </pre>
 *
 * <p>It only reads the database; it never changes it. Exit status: 0 done, 2 bad arguments,
 * 3 differences found under {@code --check}.
 */
public final class SchemaTool {
  private SchemaTool() {}

  public static void main(String[] args) throws IOException {
    System.exit(run(args, System.out, System.err));
  }

  /** {@link #main} without the exit, for tests and embedding; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    String url = null;
    Path file = null;
    boolean diff = false;
    boolean check = false;
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String a = rest.remove(0);
      if (a.equals("--out") && !rest.isEmpty()) {
        file = Path.of(rest.remove(0));
      } else if (a.equals("--diff")) {
        diff = true;
      } else if (a.equals("--check")) {
        check = true;
      } else if (a.startsWith("jdbc:postgresql:") && url == null) {
        url = a;
      } else {
        err.println("usage: SchemaTool jdbc:postgresql://host/db?user=... [--out V<n>__name.sql] [--diff] [--check]");
        return 2;
      }
    }
    if (url == null) {
      err.println("usage: SchemaTool jdbc:postgresql://host/db?user=... [--out V<n>__name.sql] [--diff] [--check]");
      return 2;
    }
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(url);
    Database db = Database.of(dataSource);
    List<TableDefinition> tables = Schema.definitions();
    if (tables.isEmpty()) {
      err.println("SchemaTool: no META-INF/quarry/daos on the class path; run it with the application's class path");
      return 2;
    }
    MigrationPlan plan = Schema.plan(db, tables);
    if (diff) {
      Schema.diff(db, tables).forEach(out::println);
    } else if (file != null) {
      Files.writeString(file, plan.script(), StandardCharsets.UTF_8);
      if (plan.needsNoTransaction()) {
        Files.writeString(Path.of(file + ".conf"), MigrationPlan.FLYWAY_SCRIPT_CONFIG, StandardCharsets.UTF_8);
      }
      err.println("SchemaTool: wrote " + file + (plan.needsNoTransaction() ? " and " + file + ".conf" : "") + " ("
          + plan.statements().size() + " statements, " + plan.manualSteps().size() + " manual steps)");
    } else {
      out.print(plan.script());
    }
    return check && !plan.isEmpty() ? 3 : 0;
  }
}
