package dev.quarry.processor.check;

import dev.quarry.processor.sql.Expressions;
import dev.quarry.processor.model.ColumnKind;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every diagnostic's wording. Each message starts with a stable id in brackets, then says the
 * rule, what was found, and the fix. Tests assert on the ids.
 */
public final class Messages {
  private Messages() {}

  public static String tableNotRecord(String kind) {
    return "[QuarryTableNotRecord] @Table belongs on a record, because Quarry maps record "
        + "components to columns and builds rows through the canonical constructor; found a " + kind
        + ". Declare it as 'record Name(...)'";
  }

  public static String genericRecord(String record, List<String> typeParameters) {
    return "[QuarryGenericRecord] a @Table record cannot have type parameters, because each column "
        + "needs one SQL type; '" + record + "' declares <" + String.join(", ", typeParameters)
        + ">. Remove them and give each component a concrete type";
  }

  public static String privateRecord(String record) {
    return "[QuarryPrivateRecord] a @Table record cannot be private, because its generated DAO, "
        + "in the same package, must construct it; '" + record + "' is private. Make it package-private or public";
  }

  public static String missingId(String record) {
    return "[QuarryMissingId] the @Table record '" + record + "' has no primary key; add @Id to the "
        + "component that identifies a row (several @Id components make a composite key)";
  }

  public static String unsupportedType(String component, String type) {
    return "[QuarryUnsupportedType] the component '" + component + "' has the type '" + type
        + "', which Quarry cannot map to a column; " + typeHint(component, type).orElse("use boolean, short, int, "
        + "long, float, double (or their boxed forms), BigDecimal, String, UUID, Instant, OffsetDateTime, "
        + "LocalDateTime, LocalDate, LocalTime, Duration, byte[], an enum, or a List<T> or T[] of one of these; "
        + "or store it as a JSON document with @Column(type = \"jsonb\")");
  }

  public static String unsupportedElementType(String component, String type, String element) {
    return "[QuarryUnsupportedElementType] the component '" + component + "' of type '" + type
        + "' is stored as a PostgreSQL array, whose elements must each be one scalar column value; its element type '"
        + element + "' is not (byte[] elements, nested lists and other types have no array form here). "
        + "Use a List<T> or T[] of boolean, short, int, long, float, double, BigDecimal, String, UUID, Instant, "
        + "OffsetDateTime, LocalDateTime, LocalDate, LocalTime, Duration or an enum, or store the whole value as a "
        + "JSON document with @Column(type = \"jsonb\")";
  }

  public static String enumTypeName(String component, String type) {
    return "[QuarryEnumTypeName] the enum component '" + component + "' names the column type '" + type
        + "', which Quarry would create as a PostgreSQL enum type, but it is not a type name; use a name such as "
        + "@Column(type = \"order_status\") (or \"schema.order_status\"), or \"text\" to store the constant's name";
  }

  public static String keyType(String role, String component, String type) {
    return "[QuarryKeyType] " + role + " needs a component PostgreSQL and Java compare as one value, but '"
        + component + "' is of type '" + type + "', an array or JSON document (Java arrays do not even compare by "
        + "content); use a scalar component there";
  }

  public static String indexMethodUnknown(String method, java.util.Collection<String> methods) {
    return "[QuarryIndexMethod] the index method '" + method + "' is not one of PostgreSQL's index methods"
        + didYouMean(method, methods) + "; use one of " + String.join(", ", methods) + ", or \"\" to let Quarry choose";
  }

  public static String indexMethodNotUnique(String method) {
    return "[QuarryIndexMethod] the index method '" + method + "' cannot enforce uniqueness (PostgreSQL: only btree "
        + "indexes are unique); use using = \"btree\" or drop unique = true";
  }

  public static String indexMethodUnordered(String method) {
    return "[QuarryIndexMethod] the index method '" + method + "' has no order, so ' DESC' means nothing to it "
        + "(PostgreSQL refuses it); drop DESC or use using = \"btree\"";
  }

  public static String ginScalar(String component, String type) {
    return "[QuarryIndexMethod] the index method 'gin' indexes the elements of arrays and jsonb documents, but '"
        + component + "' is of type '" + type + "'; use using = \"btree\" for it, or a separate index";
  }

  /** The supported type closest to a familiar unsupported one, said as the declaration to write. */
  private static Optional<String> typeHint(String component, String type) {
    String raw = type.replaceAll("<.*", "").replaceAll(".*[ .]", "");
    String declare = switch (raw) {
      case "Date", "Timestamp", "Calendar", "ZonedDateTime" -> "Instant";
      case "char", "Character" -> "String";
      case "byte", "Byte" -> "short";
      case "BigInteger" -> "BigDecimal";
      case "Time" -> "LocalTime";
      case "Optional" -> "@Nullable " + type.replaceAll("^[^<]*<", "").replaceAll(">$", "").replaceAll(".*\\.", "");
      default -> null;
    };
    if (declare == null) {
      return Optional.empty();
    }
    String why = raw.equals("Optional")
        ? " (Optional is not meant for fields; a nullable column is a @Nullable component)" : "";
    return Optional.of("declare it as '" + declare + " " + component + "'" + why);
  }

  public static String identityType(String component, String type, boolean isId, ColumnKind kind, boolean primitive) {
    String rule = "[QuarryIdentityType] @Identity needs a 'Long' @Id component, so that a null id lets "
        + "PostgreSQL choose the value; ";
    if (kind == ColumnKind.UUID) {
      return rule + "'" + component + "' is a UUID, and a UUID " + (isId ? "" : "@Id ") + "needs no @Identity: when "
          + "it is null at insert, Quarry gives it a time-ordered UUIDv7. Remove @Identity"
          + (isId ? "" : " and add @Id");
    }
    if (!isId) {
      return rule + "'" + component + "' (" + type + ") is not part of the primary key. Remove @Identity, "
          + "or make it the key: '@Id @Identity Long " + component + "'";
    }
    if (kind == ColumnKind.LONG && primitive) {
      return rule + "'" + component + "' is a primitive long, which cannot be null. Declare it as '@Id @Identity Long "
          + component + "'";
    }
    return rule + "'" + component + "' is of type '" + type + "'. Declare it as '@Id @Identity Long " + component
        + "', or remove @Identity and set the key yourself (a null UUID @Id gets a UUIDv7 without it)";
  }

  public static String versionType(String component, String type) {
    return "[QuarryVersionType] @Version needs a 'long' or 'int' component, because the version is "
        + "bumped with 'version + 1'; '" + component + "' is of type '" + type + "'. Declare it as 'long "
        + component + "'";
  }

  public static String versionTwice(String component, String first) {
    return "[QuarryVersionTwice] a record can have only one @Version component; '" + first + "' already has it. "
        + "Remove @Version from '" + component + "'";
  }

  public static String versionOnId(String component) {
    return "[QuarryVersionOnId] the @Version component '" + component + "' cannot be part of the "
        + "primary key, because updates change it; remove @Id or @Version";
  }

  public static String unknownComponent(String annotation, String name, Collection<String> known) {
    return "[QuarryUnknownComponent] " + annotation + " names '" + name + "', which is not a component of "
        + "this record" + didYouMean(name, known) + "; components are " + String.join(", ", known)
        + ". Name one of them, or add the component '" + name + "'";
  }

  /**
   * An annotation whose default names a component the record lacks: the user never wrote the
   * name, so the message says where it comes from and what to add.
   *
   * @param annotation such as {@code "@SoftDelete"}
   * @param attribute the attribute whose default applies, {@code "value"} when it is the only one
   * @param name the default component name
   * @param declaration the component to add, such as {@code "@Nullable Instant deletedAt"}
   */
  public static String missingDefaultComponent(String annotation, String attribute, String name, String purpose,
      String declaration, Collection<String> known) {
    String own = attribute.equals("value") ? annotation + "(\"yourName\")" : annotation + "(" + attribute + " = \"yourName\")";
    return "[QuarryMissingComponent] " + annotation + " keeps " + purpose + " in the component '" + name
        + "' (the default), and this record has none" + didYouMean(name, known) + "; add '" + declaration
        + "' to the record, or name a component of your own with " + own;
  }

  public static String timestampType(String annotation, String component, String type) {
    return "[QuarryTimestampType] " + annotation + " needs a component holding a point in time, not part of the "
        + "key or the version; '" + component + "' is of type '" + type + "'. Declare it as 'Instant " + component
        + "' (or OffsetDateTime, LocalDateTime)";
  }

  public static String timestampKeyOrVersion(String annotation, String component, boolean id) {
    return "[QuarryTimestampType] " + annotation + " needs a component of its own, because PostgreSQL sets it; '"
        + component + "' is " + (id ? "part of the primary key" : "the @Version") + ". Add a separate 'Instant' "
        + "component and name it in " + annotation;
  }

  public static String keysetNotTotal(List<String> order, List<String> key) {
    return "[QuarryKeysetNotTotal] a @KeysetPaged order must end with the whole primary key " + key
        + " so that no two rows tie, or slices would skip or repeat rows; found " + order + ". Use @KeysetPaged({"
        + java.util.stream.Stream.concat(order.stream().filter(c -> !key.contains(c)), key.stream())
            .map(c -> "\"" + c + "\"").collect(java.util.stream.Collectors.joining(", ")) + "})";
  }

  /**
   * @param primitive the primitive type that would make the column NOT NULL, or null when none
   * @param softDelete whether it is the @SoftDelete column, which is always nullable
   */
  public static String keysetNullable(String component, String primitive, boolean softDelete) {
    String fix = softDelete
        ? "it is the @SoftDelete column, which is NULL on every live row, so page by another component"
        : primitive != null
            ? "declare it as '" + primitive + " " + component + "' (NOT NULL), or page by another component"
            : "remove @Nullable from '" + component + "' (NOT NULL), or page by another component";
    return "[QuarryKeysetNullable] the @KeysetPaged component '" + component + "' is nullable, and NULL never "
        + "compares in a row-value predicate, so such rows would vanish from every slice; " + fix;
  }

  public static String fullTextType(String component, String type) {
    return "[QuarryFullTextType] @FullText searches text, but '" + component + "' is of type '" + type
        + "'; remove '" + component + "' from @FullText, which takes String components only";
  }

  public static String fullTextLanguage(String language) {
    return "[QuarryFullTextLanguage] the @FullText language '" + language + "' is not a text search "
        + "configuration name; use one such as \"english\", \"simple\" or \"german\"";
  }

  public static String partitionKeyNotInPk(String component) {
    return "[QuarryPartitionKeyNotInPk] the partition key '" + component + "' must be part of the primary key, "
        + "because PostgreSQL requires every unique constraint of a partitioned table to include it; add @Id to '"
        + component + "'";
  }

  public static String uniqueWithoutPartitionKey(String key, String partitionKey) {
    return "[QuarryUniqueWithoutPartitionKey] the unique key (" + key + ") lacks the partition key '" + partitionKey
        + "', and PostgreSQL can only enforce uniqueness within a partition; add '" + partitionKey
        + "' to the key, e.g. @UniqueKey({..., \"" + partitionKey + "\"})";
  }

  public static String listWithoutLists() {
    return "[QuarryListWithoutLists] LIST partitioning needs its partitions declared; add lists = "
        + "{@Partitioned.List(name = \"us\", values = {\"us-east\", \"us-west\"})}";
  }

  public static String hashDefault() {
    return "[QuarryHashDefault] a HASH-partitioned table cannot have a DEFAULT partition (PostgreSQL: every "
        + "row hashes to some remainder); remove defaultPartition = true";
  }

  public static String hashModulus(int modulus) {
    return "[QuarryHashModulus] HASH partitioning needs a modulus of 2 or more, was " + modulus
        + "; set modulus = 8, say";
  }

  public static String partitionKeyType(String strategy, String component, String type) {
    return "[QuarryPartitionKeyType] " + strategy + " partitioning cannot use '" + component + "' of type '" + type
        + "'; RANGE needs a time (Instant, OffsetDateTime, LocalDateTime, LocalDate) or an integer key, LIST a "
        + "String, enum, integer or boolean key. Partition by such a component, or choose the strategy that fits '"
        + component + "' (HASH takes any type)";
  }

  public static String partitionStep(String component) {
    return "[QuarryPartitionStep] integer RANGE partitioning on '" + component + "' needs the width of a partition; "
        + "set step = 1000000, say";
  }

  public static String partitionCounts(int premake, int retain) {
    return "[QuarryPartitionCounts] premake and retain cannot be negative, were " + premake + " and " + retain
        + "; use 0 or more (retain = 0 keeps every partition)";
  }

  public static String tooManyPartitions(int count) {
    return "[QuarryTooManyPartitions] premake + retain keeps " + count + " partitions; with hundreds of "
        + "partitions the planner slows down, so aim for fewer than 100 (a coarser interval, or less retention)";
  }

  public static String partitionZoneDaylightSaving(String zone) {
    return "[QuarryPartitionZone] HOURLY partitions need a zone without daylight saving time, which makes some "
        + "hours repeat or vanish; the zone '" + zone + "' has it. Set zone = \"UTC\" (or a fixed offset such as "
        + "\"+02:00\"), or use DAILY partitions";
  }

  public static String partitionZoneUnknown(String zone) {
    return "[QuarryPartitionZone] the zone '" + zone + "' is not a zone id; use \"UTC\" or a region such as "
        + "\"Europe/Berlin\"";
  }

  public static String listValue(String value, String component, String type) {
    return "[QuarryListValue] the LIST value '" + value + "' is not a value of '" + component + "' (" + type
        + "); use a literal of the key's type";
  }

  public static String partmanStrategy(String strategy) {
    return "[QuarryPartmanStrategy] manager = PG_PARTMAN maintains RANGE partitions only, not " + strategy
        + "; use manager = BUILT_IN";
  }

  public static String queriesNotInterface(String kind) {
    return "[QuarryQueriesNotInterface] @Queries belongs on an interface, which the DAO then implements; found a "
        + kind + ". Declare it as 'interface Name { @Sql(\"...\") ... }'";
  }

  public static String queriesTarget(String target) {
    return "[QuarryQueriesTarget] @Queries names '" + target + "', which is not a @Table record of this compilation; "
        + "name the record whose DAO should implement these queries";
  }

  public static String sqlMissing(String method) {
    return "[QuarrySqlMissing] the @Queries method '" + method + "' has no @Sql, so the DAO cannot implement it; "
        + "add @Sql(\"...\") or make it a default method";
  }

  public static String sqlUnknownParameter(String name, java.util.Collection<String> parameters) {
    return "[QuarrySqlUnknownParameter] the statement uses ':" + name + "', but the method has no parameter of "
        + "that name" + didYouMean(name, parameters) + "; parameters are " + parameters;
  }

  public static String sqlUnusedParameter(String name) {
    return "[QuarrySqlUnusedParameter] the parameter '" + name + "' is not used by the statement; use ':" + name
        + "' in the @Sql text or remove the parameter";
  }

  public static String queryReturnType(String type) {
    return "[QuarryQueryReturnType] an @Sql method returns List<R>, Optional<R>, Stream<R> or R, where R is a record "
        + "whose components match the selected columns or a single-column type, or int/long/void for a data-changing "
        + "statement; found '" + type + "'. " + returnTypeFix(type);
  }

  private static String returnTypeFix(String type) {
    java.util.regex.Matcher many = java.util.regex.Pattern
        .compile("java\\.util\\.(?:Set|Collection|Iterable)<(.+)>").matcher(type);
    if (many.matches()) {
      return "Return List<" + many.group(1).replaceAll(".*\\.", "") + "> instead";
    }
    if (type.equals("boolean") || type.equals("java.lang.Boolean")) {
      return "For a statement that changes data return int (the row count) and compare it with 0; "
          + "for a question return a single boolean column as Optional<Boolean>";
    }
    return "Declare a record with one component per selected column, named like the columns, and return List of it";
  }

  public static String sqlBatchReturnType(String type) {
    return "[QuarrySqlBatch] a batch method (one parameter is a Collection of records, the statement runs once per "
        + "element) returns int[] (each element's row count) or void; found '" + type + "'. Return int[]";
  }

  public static String sqlBatchTwice(String first, String second) {
    return "[QuarrySqlBatch] a method batches over one Collection of records, but '" + first + "' and '" + second
        + "' both are; pass one collection, or call the method once per collection";
  }

  public static String sqlBatchAmbiguous(String name, String element) {
    return "[QuarrySqlBatch] ':" + name + "' names both a component of " + element + " and a parameter of the method, "
        + "so it is unclear which to bind; rename the parameter";
  }

  public static String softDeleteUnfiltered(String table, String column) {
    return "[QuarrySoftDeleteUnfiltered] this statement reads the @SoftDelete table " + table + " without mentioning "
        + column + ", so deleted rows come back; add 'AND " + column + " IS NULL'";
  }

  public static String sqlInvalid(String server, String caret, String didYouMean) {
    return "[QuarrySqlInvalid] PostgreSQL rejects this statement, so it would fail at run time: " + server
        + didYouMean + "; check the @Sql text where the caret points" + caret;
  }

  /** One parameter's part of {@link #sqlParameterType}'s message, not a message of its own. */
  static String sqlParameterBinding(String name, String javaType, String sent, String expected) {
    return "':" + name + "' is a " + javaType + ", bound as " + sent + ", where PostgreSQL expects " + expected;
  }

  /** One parameter's part of {@link #sqlParameterType}'s message, not a message of its own. */
  static String sqlParameterUntyped(String name, String javaType, String natural) {
    return "':" + name + "' is a " + javaType + ", sent without a SQL type for PostgreSQL to infer one from the "
        + "statement, which it cannot do here (':" + name + "::" + natural + "' would tell it)";
  }

  /** One parameter's part of {@link #sqlParameterType}'s message, not a message of its own. */
  static String sqlParameterValue(String name, String javaType, String inferred, String natural) {
    return "':" + name + "' is a " + javaType + ", sent as text without a SQL type, which PostgreSQL reads as "
        + inferred + " here, and its values are not " + inferred + " (':" + name + "::" + natural + "' would keep it "
        + natural + ")";
  }

  public static String sqlParameterType(String bindings, String server, String caret) {
    return "[QuarrySqlParameterType] a parameter's Java type cannot bind to the SQL type its place needs, so the "
        + "statement would fail at run time: " + bindings + " (" + server + "). Change the parameter's Java type, "
        + "or cast in the statement (':name::type')" + caret;
  }

  public static String sqlResultMismatch(String type, String problems) {
    return "[QuarrySqlResultMismatch] the statement's result columns do not fit the return type " + type + ": "
        + problems;
  }

  /** One problem within {@code [QuarrySqlResultMismatch]}'s message, not a message of its own. */
  static String sqlNoColumns() {
    return "the statement returns no columns (an INSERT, UPDATE or DELETE without RETURNING); add RETURNING, or "
        + "return int, long or void";
  }

  /** A part of a larger message, not a message of its own. */
  static String sqlScalarColumns(String type, java.util.List<String> labels) {
    return "a single " + type + " is read from the first column, but the statement returns " + labels.size()
        + " columns " + labels + "; select one column, or return a record with components " + labels;
  }

  /** A part of a larger message, not a message of its own. */
  static String sqlMissingColumn(String component, String column, java.util.List<String> labels) {
    return "the component '" + component + "' reads the column '" + column + "', which the statement does not return"
        + didYouMean(column, labels) + "; it returns " + labels + " (alias a column with AS " + column + ")";
  }

  /** A part of a larger message, not a message of its own. */
  static String sqlColumnType(String component, String column, String sqlType, String javaType) {
    return "the column '" + column + "' is " + sqlType + ", which cannot be read into the component '" + component
        + "' of type " + javaType + "; cast it in the statement or change the component's type";
  }

  /** A part of a larger message, not a message of its own. */
  static String sqlRowsUnread(String returns, java.util.List<String> labels) {
    return "the statement returns rows of " + labels + " (RETURNING), but a method returning " + returns
        + " runs it as an update, and JDBC refuses rows there ('A result was returned when none was expected'); "
        + "remove RETURNING, or return the rows (List<R>, Optional<R>, R)";
  }

  /** A part of a larger message, not a message of its own. */
  static String sqlNullableIntoPrimitive(String component, String column, String javaType) {
    return "the column '" + column + "' can be NULL, but the component '" + component + "' is the primitive "
        + javaType + ", which would read NULL as 0/false; use the boxed type with @Nullable, or COALESCE it";
  }

  public static String sqlSchemaNotAppliedParent(String table, String parent) {
    return "[QuarrySqlNotChecked] the @Sql statements that use the table " + table + " were not checked, because "
        + "the table it references, " + parent + ", could not be created in the checking database (see there)";
  }

  public static String sqlNotChecked(String reason) {
    return "[QuarrySqlNotChecked] the @Sql statements of this compilation were not checked against PostgreSQL, "
        + "because " + reason + ". Give a database with -Aquarry.verify.url=jdbc:postgresql://..., or turn the "
        + "check off with -Aquarry.verify=off";
  }

  public static String sqlSchemaNotApplied(String table, String reason) {
    return "[QuarrySqlNotChecked] the @Sql statements that use the table " + table + " were not checked, because "
        + "it could not be created in the checking database: " + reason + "; check that the table's DDL runs on "
        + "PostgreSQL 15, and for a type your migrations create (a domain, an extension's type), give a database "
        + "that has it with -Aquarry.verify.url=jdbc:postgresql://..., or set -Aquarry.verify=off";
  }

  public static String emptyColumns(String annotation) {
    return "[QuarryEmptyColumns] " + annotation + " must name at least one component, and names none; list the "
        + "components it covers, e.g. " + annotation + "({\"title\"}), or remove it";
  }

  public static String duplicateColumn(String column, String component, String other) {
    return "[QuarryDuplicateColumn] the components '" + other + "' and '" + component
        + "' both map to the column '" + column + "'; give one of them another name with @Column(\"...\")";
  }

  public static String duplicateName(String name, String what) {
    return "[QuarryDuplicateName] the " + what + " name '" + name + "' is used twice in this table (names "
        + "over 63 bytes are shortened with a hash, which can still collide); set a distinct name";
  }

  /** @param how where to give the shorter name, such as {@code "@Table(\"...\")"} */
  public static String nameTooLong(String name, String how) {
    return "[QuarryNameTooLong] the name '" + name + "' is longer than PostgreSQL's 63 bytes and would be "
        + "silently truncated by the server; choose a shorter one with " + how;
  }

  public static String foreignKeyTarget(String component, String target) {
    return "[QuarryForeignKeyTarget] @ForeignKey on '" + component + "' references '" + target
        + "', which is not a @Table record; reference the record class of the parent table";
  }

  public static String foreignKeyCompositeTarget(String component, String target) {
    return "[QuarryForeignKeyTarget] @ForeignKey on '" + component + "' references '" + target
        + "', whose primary key has more than one column; @ForeignKey supports single-column keys, so "
        + "reference a record with one @Id";
  }

  public static String foreignKeyPartitionedCompositeTarget(String component, String target, String partitionKey) {
    return "[QuarryForeignKeyTarget] @ForeignKey on '" + component + "' references '" + target
        + "', a table partitioned by '" + partitionKey + "' whose primary key has more than one column (PostgreSQL "
        + "makes it include the partition key); @ForeignKey supports single-column keys, so reference a partitioned "
        + "record whose only @Id is its partition key (such as a RANGE by id or a LIST by code), or keep the "
        + "reference as a plain column";
  }

  public static String foreignKeyPartitionKey(String component, String target, String targetKey, String partitionKey) {
    return "[QuarryForeignKeyPartitionKey] @ForeignKey on '" + component + "' references the key '" + targetKey
        + "' of '" + target + "', which is partitioned by '" + partitionKey + "'; PostgreSQL can reference a "
        + "partitioned table only through a unique key that includes the partition key, so it refuses this one. "
        + "Partition '" + target + "' by '" + targetKey + "', or reference another table";
  }

  public static String foreignKeyToRetained(String component, String target, int retain) {
    return "[QuarryForeignKeyToRetained] @ForeignKey on '" + component + "' references '" + target
        + "', whose retention (retain = " + retain + ") detaches and drops old partitions; PostgreSQL refuses to "
        + "detach a partition while rows still reference it, so retention will stall until those rows are gone. "
        + "Delete the referencing rows first (ON DELETE does not fire on DETACH), or set retain = 0";
  }

  public static String checkExpression(String where, String expression, Expressions.Problem problem, int offset) {
    String found = switch (problem) {
      case EMPTY -> "no expression";
      case SEPARATOR -> "a statement separator ';'";
      case UNOPENED_PARENTHESIS -> "a ')' that closes no '('";
      case UNCLOSED_PARENTHESIS -> "a '(' that is never closed";
      case UNCLOSED_STRING -> "a string constant (') that is never closed";
      case UNCLOSED_IDENTIFIER -> "a quoted identifier (\") that is never closed";
      case UNCLOSED_DOLLAR_QUOTE -> "a dollar-quoted string that is never closed";
      case UNCLOSED_COMMENT -> "a /* comment that is never closed";
      case LINE_COMMENT -> "a -- comment that would swallow the rest of the statement";
      case LIST -> "a ',' outside parentheses, making a list of expressions";
      case NUL -> "a NUL character";
    };
    String fix = switch (problem) {
      case EMPTY -> "write the condition rows must satisfy, such as \"amount > 0\"";
      case SEPARATOR, LIST -> "write one condition per @Check, combining conditions with AND if they belong together";
      case UNOPENED_PARENTHESIS, UNCLOSED_PARENTHESIS -> "balance the parentheses";
      case UNCLOSED_STRING -> "close the string, doubling any quote inside it ('it''s')";
      case UNCLOSED_IDENTIFIER -> "close the identifier, doubling any \" inside it";
      case UNCLOSED_DOLLAR_QUOTE -> "close it with the same $tag$, or use a plain '...' string";
      case UNCLOSED_COMMENT -> "close the comment with */, or remove it";
      case LINE_COMMENT -> "remove the comment, or write it as /* ... */";
      case NUL -> "remove it";
    };
    return "[QuarryCheckExpression] " + where + " must be one SQL boolean expression, because it is placed "
        + "inside CHECK (...) in the table's DDL; found " + found + " at character " + (offset + 1) + " of \""
        + expression + "\"; " + fix;
  }

  public static String duplicateMethod(String method) {
    return "[QuarryDuplicateMethod] two keys would both generate the DAO method '" + method
        + "'; remove the duplicate @Unique/@UniqueKey/@ForeignKey";
  }

  public static String missingType(String record) {
    return "[QuarryMissingType] the record '" + record + "' uses a type that never became available; "
        + "check its imports and the types its components reference";
  }

  public static String internal(String record, String stackTrace) {
    return "[QuarryInternal] Quarry failed while processing '" + record + "'; please report this with "
        + "the record's source. " + stackTrace;
  }

  public static String distributedAndReference() {
    return "[QuarryCitusPlacement] a table is either @Distributed (sharded) or @Reference (copied to every "
        + "node), not both; remove one of the two annotations";
  }

  public static String distributionKeyNotInPk(String component) {
    return "[QuarryDistributionKeyNotInPk] the distribution column '" + component + "' must be part of the "
        + "primary key, because Citus enforces a primary key only when it contains the distribution column; "
        + "add @Id to '" + component + "' (a composite key such as (" + component + ", id) is usual)";
  }

  public static String uniqueWithoutDistributionColumn(String key, String column) {
    return "[QuarryUniqueWithoutDistributionColumn] the unique key (" + key + ") does not contain the "
        + "distribution column '" + column + "', and Citus can enforce a unique key only within one shard; "
        + "add '" + column + "' to the key (for example @UniqueKey({\"" + column + "\", ...}))";
  }

  public static String colocateWithNotDistributed(String target) {
    return "[QuarryColocateWith] @Distributed(colocateWith) names '" + target + "', which is not a @Distributed "
        + "record, and Citus colocates only distributed tables; name a @Distributed record or remove colocateWith";
  }

  public static String colocateWithType(String target, String targetType, String column, String type) {
    return "[QuarryColocateWith] colocated tables must have distribution columns of the same type, because "
        + "Citus places rows by the hash of that value; '" + target + "' is distributed by a " + targetType
        + " column and '" + column + "' is " + type + ". Give both the same type or remove colocateWith";
  }

  public static String citusReferenceToLocal(String component, String target) {
    return citusForeignKey(component, target, "a reference table can reference only other reference tables",
        "make '" + target + "' a @Reference table");
  }

  public static String citusLocalToDistributed(String component, String target) {
    return citusForeignKey(component, target, "a table that is not on Citus cannot reference a distributed table",
        "make this table @Distributed (colocated with '" + target + "') or @Reference");
  }

  public static String citusDistributedToLocal(String component, String target) {
    return citusForeignKey(component, target,
        "a distributed table can reference only reference tables and colocated distributed tables",
        "make '" + target + "' a @Reference table, or @Distributed and colocated with this one");
  }

  public static String citusNotColocated(String component, String target, String colocateWith) {
    return citusForeignKey(component, target, "the two distributed tables are not colocated",
        "add colocateWith = " + colocateWith + ".class to this record's @Distributed");
  }

  public static String citusForeignKeyOffDistribution(String component, String target, String ownColumn,
      String theirColumn) {
    return citusForeignKey(component, target, "between distributed tables a foreign key must run from this table's "
        + "distribution column ('" + ownColumn + "') to theirs ('" + theirColumn + "')",
        "put @ForeignKey on the distribution column, or make '" + target + "' a @Reference table");
  }

  private static String citusForeignKey(String component, String target, String why, String fix) {
    return "[QuarryCitusForeignKey] the foreign key on '" + component + "' to '" + target + "' cannot be "
        + "created on Citus: " + why + "; " + fix;
  }

  public static String referenceToDistributed(String component, String target) {
    return "[QuarryReferenceToDistributed] the @Reference table cannot hold a foreign key ('" + component
        + "') to the @Distributed table '" + target + "', because a copy of every row is on every node while "
        + "the referenced rows are spread over shards; remove the @ForeignKey, or make '" + target
        + "' a @Reference table too";
  }

  public static String distributedFanOut(String what, String column) {
    return "[QuarryDistributedFanOut] " + what + " cannot filter by the distribution column '" + column
        + "', so on Citus it runs on every shard; filter by '" + column + "' in an @Sql method where you can, "
        + "or add @SuppressWarnings(\"QuarryDistributedFanOut\") to the record if fanning out is intended";
  }

  public static String citusPartitioned() {
    return "[QuarryCitusPartitioned] a @Reference table cannot be @Partitioned, because Citus distributes "
        + "partitioned tables only by hash; make it @Distributed or drop @Partitioned";
  }

  public static String columnType(String component, String type) {
    return "[QuarryColumnType] @Column(type) must be a PostgreSQL type name with optional modifiers and "
        + "array brackets, such as \"varchar(64)\", \"numeric(12, 2)\", \"timestamp(3) with time zone\" or "
        + "\"text[]\", because it is placed in the DDL and in casts as it is; '" + component + "' has \""
        + printable(type) + "\". Give only the type; use @Check for constraints and @Index for indexes";
  }

  public static String timeColumnType(String component, String javaType, String type, String ownType) {
    return "[QuarryColumnTypeMismatch] a " + javaType + " must be stored in a '" + ownType + "' column, because "
        + "converting it to another time type goes through the session's time zone, so different write paths "
        + "would store different values; '" + component + "' is declared @Column(type = \"" + printable(type)
        + "\"). Use type = \"" + ownType + "\" (or leave type out)" + (ownType.equals("timestamptz")
        ? ", or declare the component as LocalDateTime to store wall-clock time"
        : ownType.equals("timestamp") ? ", or declare the component as Instant to store a point in time" : "");
  }

  public static String indexWhere(String where, String problem) {
    return "[QuarryIndexWhere] @Index(where) must be one SQL boolean expression, because it is placed in the "
        + "CREATE INDEX statement as it is; \"" + printable(where) + "\" is not: " + problem
        + ". Write only the predicate, such as \"deleted_at IS NULL\"";
  }

  public static String nulInName(String annotation, String name) {
    return "[QuarryNameCharacters] a name given in " + annotation + " cannot contain the NUL character, which "
        + "PostgreSQL identifiers cannot hold; found \"" + printable(name) + "\". Remove it";
  }

  /** An annotation string as a message shows it: control characters escaped, long text cut. */
  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return b.length() > 120 ? b.substring(0, 117) + "..." : b.toString();
  }

  /** {@code ", did you mean 'x'"} when a known name is close to {@code name}, else {@code ""}. */
  static String didYouMean(String name, Collection<String> known) {
    Optional<String> best = known.stream()
        .min(Comparator.comparingInt(k -> distance(name.toLowerCase(), k.toLowerCase())));
    return best.filter(b -> distance(name.toLowerCase(), b.toLowerCase()) <= Math.max(2, name.length() / 3))
        .map(b -> ", did you mean '" + b + "'")
        .orElse("");
  }

  /** Edit distance counting a swap of two neighbours as one edit ("nmae" is one from "name"). */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i][j - 1] + 1, d[i - 1][j] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
