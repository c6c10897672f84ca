package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.UniqueViolationException;
import dev.quarry.runtime.UuidV7;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Composite keys, composite unique keys and UUIDv7 keys. */
class KeysTest {
  @RegisterExtension static final PgSchema pg = new PgSchema();

  static MembershipDao memberships;
  static ApiKeyDao apiKeys;

  @BeforeAll
  static void schema() {
    pg.apply(MembershipSchema.statements());
    pg.apply(ApiKeySchema.statements());
    memberships = new MembershipDao(pg.db());
    apiKeys = new ApiKeyDao(pg.db());
  }

  @Test
  void compositePrimaryKeyTakesOneParameterPerComponent() {
    Membership m = memberships.insert(new Membership(1, "ann", "ann@t1", Membership.Role.OWNER));
    memberships.insert(new Membership(2, "ann", "ann@t2", Membership.Role.VIEWER));
    assertEquals(Optional.of(m), memberships.findById(1, "ann"));
    assertTrue(memberships.existsById(2, "ann"));
    assertFalse(memberships.existsById(3, "ann"));
    Membership promoted = new Membership(2, "ann", "ann@t2", Membership.Role.EDITOR);
    assertEquals(Optional.of(promoted), memberships.update(promoted));
    assertTrue(memberships.delete(2, "ann"));
    assertFalse(memberships.existsById(2, "ann"));
    memberships.insert(new Membership(1, "al", "al@t1", Membership.Role.VIEWER));
    List<Membership> tenantOne = memberships.page(1, 1000).items().stream().filter(x -> x.tenantId() == 1).toList();
    assertEquals(List.of("al", "ann"), tenantOne.stream().map(Membership::userName).toList(), "ordered by the whole key");
  }

  @Test
  void compositeUniqueKeyFindsAndRejects() {
    Membership m = memberships.insert(new Membership(10, "bob", "bob@x", Membership.Role.VIEWER));
    assertEquals(Optional.of(m), memberships.findByTenantIdAndEmail(10, "bob@x"));
    assertTrue(memberships.existsByTenantIdAndEmail(10, "bob@x"));
    assertFalse(memberships.existsByTenantIdAndEmail(11, "bob@x"));
    memberships.insert(new Membership(11, "bob", "bob@x", Membership.Role.VIEWER)); // other tenant: fine
    UniqueViolationException e = assertThrows(UniqueViolationException.class,
        () -> memberships.insert(new Membership(10, "bobby", "bob@x", Membership.Role.VIEWER)));
    assertEquals(Optional.of("membership_tenant_id_email_key"), e.constraint());
  }

  @Test
  void nullUuidKeysGetTimeOrderedVersion7Values() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ApiKey k = apiKeys.insert(new ApiKey(null, "key " + i, now));
      assertEquals(7, k.id().version());
      assertEquals(2, k.id().variant());
      ids.add(k.id());
    }
    List<UUID> sorted = new ArrayList<>(ids);
    sorted.sort(null);
    assertEquals(ids, sorted, "UUIDv7 values made in sequence sort in sequence");
    UUID given = UuidV7.next();
    assertEquals(given, apiKeys.insert(new ApiKey(given, "given", now)).id());
    Map<UUID, ApiKey> found = apiKeys.findByIds(List.of(ids.get(3), given));
    assertEquals(List.of(ids.get(3), given), List.copyOf(found.keySet()));
    assertEquals(2, apiKeys.deleteByIds(List.of(ids.get(0), ids.get(1))));
  }
}
