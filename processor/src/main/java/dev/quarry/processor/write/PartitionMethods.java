package dev.quarry.processor.write;

import static dev.quarry.processor.write.DaoWriter.JDBC;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import dev.quarry.processor.model.ColumnModel;
import dev.quarry.processor.model.PartitionModel;
import dev.quarry.processor.model.TableModel;
import dev.quarry.processor.sql.Dml;
import dev.quarry.processor.sql.Partitions;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/** {@code partitions()} and, for RANGE, {@code findByPBetween}/{@code countByPBetween}. */
final class PartitionMethods {
  private static final ClassName MANAGER = ClassName.get("dev.quarry.runtime", "PartitionManager");
  private static final ClassName SPEC = ClassName.get("dev.quarry.runtime.internal", "PartitionSpec");

  private final DaoWriter w;
  private final TableModel table;

  PartitionMethods(DaoWriter w) {
    this.w = w;
    this.table = w.table;
  }

  void addAll() {
    table.partitioning().ifPresent(p -> {
      spec(p);
      if (p.isRange()) {
        between(p);
      }
    });
  }

  /**
   * <pre>{@code
   * private static final PartitionSpec PARTITIONING = new PartitionSpec("events", "events", "occurred_at", ...);
   * public PartitionManager partitions() { return new PartitionManager(db, PARTITIONING); }
   * }</pre>
   */
  private void spec(PartitionModel p) {
    String columns = table.columns().stream().map(c -> "\"" + c.column().replace("\"", "\\\"") + "\"")
        .collect(Collectors.joining(", "));
    w.type.addField(FieldSpec.builder(SPEC, "PARTITIONING", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("new $T($S, $S, $S, $S, $S, $S, $LL, $L, $L, $S, $L, $S,\n$>$>$T.of($L))$<$<", SPEC, table.table(),
            Partitions.prefix(table, p), p.key().column(), keyType(p.key()), p.strategy(), p.interval(), p.step(),
            p.premake(), p.retain(), p.zone(), p.defaultPartition(), p.manager(), List.class, columns)
        .build());
    w.type.addMethod(MethodSpec.methodBuilder("partitions")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("Maintenance of $L's partitions: {@code partitions().maintain()} creates the next $L and\n"
            + (p.retain() > 0 ? "drops those more than " + p.retain() + " behind the current one" : "drops none (retain = 0)")
            + "; schedule it.\n", SourceFiles.code(table.table()), p.isRange() ? p.premake() + " " + p.interval().toLowerCase() + " partitions"
            : "(" + p.strategy() + " partitions are created by the schema)")
        .returns(MANAGER)
        .addCode("return new $T(this.db, PARTITIONING);\n", MANAGER)
        .build());
  }

  /** {@code List<X> findByOccurredAtBetween(Instant from, Instant to)} and its count. */
  private void between(PartitionModel p) {
    ColumnModel key = p.key();
    String name = key.capitalized() + "Between";
    CodeBlock find = w.readSql(ReadMethods.constantName("findBy" + name), Dml::findByKeyBetween,
        "{@link #findBy" + name + "}: a half-open range on the bare key, so partitions are pruned.");
    CodeBlock count = w.readSql(ReadMethods.constantName("countBy" + name), Dml::countByKeyBetween,
        "{@link #countBy" + name + "}: counted in PostgreSQL, on the pruned partitions only.");
    CodeBlock binder = CodeBlock.of("ps -> {\n$>$L;\n$L;\n$<}", Bindings.bind(key, "ps", 1, CodeBlock.of("from")),
        Bindings.bind(key, "ps", 2, CodeBlock.of("to")));
    String doc = "with {@code $L} in {@code [from, to)}: from included, to excluded, so consecutive ranges\n"
        + "neither overlap nor leave gaps. PostgreSQL scans only the partitions that range touches.\n";
    w.type.addMethod(MethodSpec.methodBuilder("findBy" + name)
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("The rows " + doc + "\n<p>Runs {@link #$L}.\n", key.name(), ReadMethods.constantName("findBy" + name))
        .addParameter(Bindings.type(key), "from")
        .addParameter(Bindings.type(key), "to")
        .returns(DaoWriter.parameterized(List.class, w.record))
        .addCode("return $T.list(this.db, $S, $L, $L, $L);\n", JDBC, w.methodName("findBy" + name), find, binder, w.mapper())
        .build());
    w.type.addMethod(MethodSpec.methodBuilder("countBy" + name)
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("The number of rows " + doc + "\n<p>Runs {@link #$L}.\n", key.name(), ReadMethods.constantName("countBy" + name))
        .addParameter(Bindings.type(key), "from")
        .addParameter(Bindings.type(key), "to")
        .returns(long.class)
        .addCode("return $T.count(this.db, $S, $L, $L);\n", JDBC, w.methodName("countBy" + name), count, binder)
        .build());
  }

  static String keyType(ColumnModel key) {
    switch (key.kind()) {
      case INSTANT:
      case OFFSET_DATE_TIME: return "timestamptz";
      case LOCAL_DATE_TIME: return "timestamp";
      case LOCAL_DATE: return "date";
      default: return key.kind().sqlType();
    }
  }
}
