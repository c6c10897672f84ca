package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.CheckViolationException;
import dev.quarry.runtime.ForeignKeyViolationException;
import dev.quarry.runtime.PartitionInfo;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code @Check} constraints, and foreign keys into and out of partitioned tables. */
class ConstraintsTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  static final Instant T0 = Instant.parse("2026-11-03T08:00:00Z");
  static final Instant T1 = Instant.parse("2026-12-05T08:00:00Z");
  static final String SECRET = "private-note-4711";

  @BeforeAll
  static void schema() {
    pg.apply(OwnerSchema.statements());
    pg.apply(BookingSchema.statements());
    pg.apply(ShipmentSchema.statements());
    pg.apply(BatchSchema.statements());
    pg.apply(BatchItemSchema.statements());
    new ShipmentDao(pg.db()).partitions().maintain(NOW);
    new BatchDao(pg.db()).partitions().maintain(NOW);
  }

  static Booking booking(Instant from, Instant to, int seats, String note) {
    return new Booking(null, from, to, seats, note);
  }

  /**
   * The constraint is named, and the message holds no value. (The driver's cause still carries
   * PostgreSQL's DETAIL with the failing row; removing it from the chain is the exception
   * redaction's job, for every SQLSTATE alike.)
   */
  static void violates(String constraint, Executable write) {
    CheckViolationException e = assertThrows(CheckViolationException.class, write);
    assertEquals("23514", e.sqlState());
    assertEquals(constraint, e.constraint().orElseThrow());
    assertTrue(e.getMessage().contains(constraint), e.getMessage());
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
  }

  @Test
  void eachCheckHoldsAndNamesItselfWhenBroken() {
    BookingDao bookings = new BookingDao(pg.db());
    Booking ok = bookings.insert(booking(T0, T1, 2, SECRET));
    violates("bookings_period_check", () -> bookings.insert(booking(T1, T0, 2, SECRET)));
    violates("bookings_seats_check", () -> bookings.insert(booking(T0, T1, 0, SECRET)));
    violates("bookings_seats_note_check", () -> bookings.insert(booking(T0, T1, 6, "")));
    violates("bookings_note_check", () -> bookings.insert(booking(T0, T1, 2, SECRET + ";")));
    violates("bookings_seats_check", () -> bookings.update(new Booking(ok.id(), T0, T1, 13, SECRET)));
    violates("bookings_period_check", () -> bookings.insertAll(List.of(booking(T0, T1, 2, SECRET), booking(T1, T0, 2, SECRET))));
    assertEquals(1, bookings.count(), "nothing of a failed write stays");
  }

  @Test
  void checksAreNamedAsDeclaredAndApplyingAgainChangesNothing() {
    Set<String> expected = Set.of("bookings_period_check", "bookings_seats_note_check", "bookings_seats_check",
        "bookings_note_check");
    assertEquals(expected, checks("bookings"));
    pg.apply(BookingSchema.statements());
    assertEquals(expected, checks("bookings"));
  }

  @Test
  void everyPartitionInheritsTheParentsChecks() {
    ShipmentDao shipments = new ShipmentDao(pg.db());
    shipments.partitions().maintain(Instant.parse("2026-02-10T00:00:00Z"));  // February to April as well
    List<PartitionInfo> partitions = shipments.partitions().list();
    assertTrue(partitions.size() >= 5, partitions.toString());
    Set<String> parent = checks("shipments");
    assertEquals(Set.of("shipments_shipped_at_delivered_at_check", "shipments_grams_check"), parent);
    for (PartitionInfo p : partitions) {
      assertEquals(parent, checks(p.name()), p.name());
    }
    long owner = owner("checks@example.com");
    violates("shipments_grams_check", () -> shipments.insert(new Shipment(1, T0, owner, 0, null)));
    violates("shipments_shipped_at_delivered_at_check", () -> shipments.insert(new Shipment(2, T1, owner, 10, T0)));
    // Writing to a partition directly meets the same constraint.
    CheckViolationException direct = assertThrows(CheckViolationException.class, () -> pg.sql(
        "INSERT INTO shipments_p20261101 VALUES (3, '2026-11-03T08:00:00Z', " + owner + ", -1, NULL)"));
    assertEquals("shipments_grams_check", direct.constraint().orElseThrow());
  }

  @Test
  void aPartitionedChildOfAPlainParentFindsAndCascades() {
    ShipmentDao shipments = new ShipmentDao(pg.db());
    long ada = owner("ada@example.com");
    long bob = owner("bob@example.com");
    long idle = owner("idle@example.com");
    shipments.insert(new Shipment(10, T0, ada, 100, null));
    shipments.insert(new Shipment(11, T1, ada, 200, null));
    shipments.insert(new Shipment(12, T1, bob, 300, null));
    assertEquals(Set.of("shipments_p20261101", "shipments_p20261201"),
        new TreeSet<>(strings("SELECT DISTINCT tableoid::regclass::text FROM shipments WHERE owner_id = " + ada)));
    assertEquals(List.of(10L, 11L), shipments.findByOwnerId(ada).stream().map(Shipment::id).sorted().toList());
    Map<Long, List<Shipment>> byOwner = shipments.findByOwnerIdIn(List.of(ada, bob, idle));
    assertEquals(Set.of(ada, bob, idle), byOwner.keySet());
    assertEquals(2, byOwner.get(ada).size());
    assertEquals(List.of(12L), byOwner.get(bob).stream().map(Shipment::id).toList());
    assertEquals(List.of(), byOwner.get(idle));

    ForeignKeyViolationException orphan = assertThrows(ForeignKeyViolationException.class,
        () -> shipments.insert(new Shipment(13, T0, 987_654_321L, 1, null)));
    assertEquals("shipments_owner_id_fkey", orphan.constraint().orElseThrow());

    assertTrue(new OwnerDao(pg.db()).delete(ada));
    assertEquals(List.of(), shipments.findByOwnerId(ada), "ON DELETE CASCADE reached both partitions");
    assertEquals(1, shipments.findByOwnerId(bob).size());
  }

  @Test
  void aPlainChildOfAPartitionedParentFindsAndCascades() {
    BatchDao batches = new BatchDao(pg.db());
    BatchItemDao items = new BatchItemDao(pg.db());
    batches.insert(new Batch(5, "first"));
    batches.insert(new Batch(1_500, "second"));
    batches.insert(new Batch(1_600, "empty"));
    items.insert(new BatchItem(null, 5, "a"));
    items.insert(new BatchItem(null, 5, "b"));
    items.insert(new BatchItem(null, 1_500, "c"));
    assertEquals(List.of("a", "b"), items.findByBatchId(5).stream().map(BatchItem::sku).sorted().toList());
    Map<Long, List<BatchItem>> byBatch = items.findByBatchIdIn(List.of(5L, 1_500L, 1_600L));
    assertEquals(2, byBatch.get(5L).size());
    assertEquals(1, byBatch.get(1_500L).size());
    assertEquals(List.of(), byBatch.get(1_600L));

    ForeignKeyViolationException orphan = assertThrows(ForeignKeyViolationException.class,
        () -> items.insert(new BatchItem(null, 1_700, "d")));
    assertEquals("batch_items_batch_id_fkey", orphan.constraint().orElseThrow());
    violates("batches_label_check", () -> batches.insert(new Batch(7, " ")));

    assertTrue(batches.delete(1_500));
    assertEquals(List.of(), items.findByBatchId(1_500), "ON DELETE CASCADE from a partition");
    assertEquals(2, items.findByBatchId(5).size());
    // Deleting the referenced row out from under a child, without CASCADE, would fail: the
    // reference is enforced against the partitioned parent as a whole.
    pg.sql("ALTER TABLE batch_items DROP CONSTRAINT batch_items_batch_id_fkey, ADD CONSTRAINT "
        + "batch_items_batch_id_fkey FOREIGN KEY (batch_id) REFERENCES batches (id)");
    assertThrows(ForeignKeyViolationException.class, () -> batches.delete(5));
  }

  static long owner(String email) {
    return new OwnerDao(pg.db()).insert(new Owner(null, email, "x")).id();
  }

  static Set<String> checks(String table) {
    return new TreeSet<>(strings("SELECT conname FROM pg_constraint WHERE contype = 'c' AND conrelid = '"
        + table + "'::regclass"));
  }

  static List<String> strings(String sql) {
    return pg.db().withConnection(c -> {
      List<String> out = new ArrayList<>();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    });
  }
}
