package dev.quarry.it;

import dev.quarry.runtime.internal.SchemaDefinitions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What the processor generated for the integration-test records, as its index lists it. */
final class GeneratedCode {
  private GeneratedCode() {}

  /** Every generated DAO class, in the order of {@code META-INF/quarry/daos}. */
  static List<Class<?>> daos() throws IOException, ClassNotFoundException {
    List<Class<?>> out = new ArrayList<>();
    for (String line : resource(SchemaDefinitions.INDEX).split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        out.add(Class.forName(line.trim().split("\\s+")[0]));
      }
    }
    return out;
  }

  /**
   * The domain some records declare columns with ({@code Differential.code8}, {@code Voucher.code}):
   * as in an application, the schema creates its own types before Quarry's tables use them.
   */
  static final String DOMAINS = "CREATE DOMAIN code8 AS varchar(8)";

  /** The DDL of every record, {@code META-INF/quarry/schema.sql}; run {@link #DOMAINS} first. */
  static String schemaSql() throws IOException {
    return resource("META-INF/quarry/schema.sql");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = GeneratedCode.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing " + name + " on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
