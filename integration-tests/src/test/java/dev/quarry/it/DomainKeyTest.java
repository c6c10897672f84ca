package dev.quarry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.DataException;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Keys whose type an explicit cast would cut, in both of pgjdbc's query modes (in
 * {@code preferQueryMode=simple} parameters are written into the statement as literals, and a
 * literal cast to a domain is cut as a cast parameter is).
 *
 * <p>A key whose type is a domain over {@code varchar(8)} ({@code code8}): a value cast to the
 * domain is cut to 8 characters, so a lookup with a 9-character key would find, update or delete
 * the row of its first 8. Quarry reads it with the domain's input function instead, as COPY and
 * an assignment do: it refuses the key (SQLSTATE 22001), and cuts only excess spaces, PostgreSQL's
 * rule. {@link WritePathsDifferentialTest} covers every write path for such values ({@code code8}).
 */
class DomainKeyTest {
  @RegisterExtension static final PgSchema extended = new PgSchema();
  @RegisterExtension static final PgSchema simple = new PgSchema(() -> TestPostgres.url() + "&preferQueryMode=simple");

  @BeforeAll
  static void schema() {
    for (PgSchema pg : List.of(extended, simple)) {
      pg.sql(GeneratedCode.DOMAINS);
      pg.apply(VoucherSchema.statements());
      pg.apply(RedemptionSchema.statements());
      pg.apply(BitKeySchema.statements());
      pg.apply(MeasureSchema.statements());
    }
  }

  @Test
  void aTooLongKeyNeverReachesTheRowOfItsFirstEightCharacters() {
    for (PgSchema pg : List.of(extended, simple)) {
      VoucherDao vouchers = new VoucherDao(pg.db());
      vouchers.insert(new Voucher("SPRING26", 500, List.of("WINTER25")));
      String longer = "SPRING26X";
      List<Supplier<Object>> lookups = List.of(() -> vouchers.findById(longer), () -> vouchers.existsById(longer),
          () -> vouchers.delete(longer), () -> vouchers.update(new Voucher(longer, 0, List.of())),
          () -> vouchers.upsert(new Voucher(longer, 0, List.of())), () -> vouchers.insert(new Voucher(longer, 0, List.of())),
          () -> vouchers.findByIds(List.of("SPRING26", longer)), () -> vouchers.deleteByIds(List.of(longer)));
      for (Supplier<Object> lookup : lookups) {
        DataException e = assertThrows(DataException.class, lookup::get, pg.url());
        assertEquals("22001", e.sqlState(), e.getMessage());
      }
      assertEquals(new Voucher("SPRING26", 500, List.of("WINTER25")), vouchers.findById("SPRING26").orElseThrow());

      // excess spaces are PostgreSQL's to cut, for a single key and for many alike; a row found
      // for a key Java tells apart from its own is returned under its own key, never dropped
      RedemptionDao redemptions = new RedemptionDao(pg.db());
      redemptions.insert(new Redemption(1, "SPRING26"));
      assertTrue(vouchers.existsById("SPRING26  "), pg.url());
      assertEquals(List.of("SPRING26"), List.copyOf(vouchers.findByIds(List.of("SPRING26 ")).keySet()), pg.url());
      assertEquals(List.of(new Redemption(1, "SPRING26")), redemptions.findByVoucher("SPRING26 "), pg.url());
      assertEquals(java.util.Map.of("SPRING26 ", List.of(), "SPRING26", List.of(new Redemption(1, "SPRING26"))),
          redemptions.findByVoucherIn(List.of("SPRING26 ")), pg.url());
      assertThrows(DataException.class, () -> redemptions.findByVoucher(longer), pg.url());
      assertThrows(DataException.class, () -> redemptions.findByVoucherIn(List.of(longer)), pg.url());
      redemptions.delete(1L);
      assertEquals(1, vouchers.deleteByIds(List.of("SPRING26 ")), pg.url());
      assertEquals(0L, pg.value("SELECT count(*) FROM vouchers"));
    }
  }

  /**
   * A bulk upsert compares staged keys in the key's type; cast to {@code varbit(40)}, a 41-bit key
   * would be the 40-bit one and, given first, be dropped as replaced without its length checked.
   */
  @Test
  void aBulkUpsertNeverTakesATooLongBitKeyForTheKeyItWouldBeCutTo() {
    for (PgSchema pg : List.of(extended, simple)) {
      BitKeyDao bitKeys = new BitKeyDao(pg.db());
      String forty = "1".repeat(40);
      DataException e = assertThrows(DataException.class,
          () -> bitKeys.upsertAll(List.of(new BitKey(forty + "0", 1), new BitKey(forty, 2))));
      assertEquals("22001", e.sqlState(), e.getMessage());
      assertEquals(0L, pg.value("SELECT count(*) FROM bit_keys"));
      assertEquals(1, bitKeys.upsertAll(List.of(new BitKey(forty, 1), new BitKey(forty, 2))));
      assertEquals(2L, bitKeys.findById(forty).orElseThrow().n());
    }
  }

  /**
   * A {@code Double} key of a {@code numeric} column is stored as PostgreSQL casts it, to 15
   * digits: {@code 0.1 + 0.2} is {@code 0.3}. Lookups by many keys read them in the column's type,
   * as the lookup by one does; compared as {@code float8}, they would miss the row.
   */
  @Test
  void manyKeysAreReadInTheColumnsTypeAsOneIs() {
    for (PgSchema pg : List.of(extended, simple)) {
      MeasureDao measures = new MeasureDao(pg.db());
      double sum = 0.1 + 0.2;
      Measure stored = new Measure(0.3, 1, List.of(0.3, 0.3));
      assertEquals(stored, measures.insert(new Measure(sum, 1, List.of(sum, 0.3))), pg.url());
      assertEquals(stored, measures.findById(sum).orElseThrow(), pg.url());
      assertEquals(java.util.Map.of(0.3, stored), measures.findByIds(List.of(sum)), pg.url());
      assertEquals(1, measures.deleteByIds(List.of(sum)), pg.url());
      assertEquals(List.of(stored), measures.insertAllReturning(List.of(new Measure(sum, 1, List.of(sum, 0.3)))));
      assertEquals(stored, measures.update(new Measure(sum, 1, List.of(sum, sum))).orElseThrow(), pg.url());
      assertEquals(1, measures.deleteByIds(List.of(sum)), pg.url());
      assertEquals(0L, pg.value("SELECT count(*) FROM measures"));
    }
  }

  @Test
  void anArrayOfTheDomainIsReadElementByElement() {
    for (PgSchema pg : List.of(extended, simple)) {
      VoucherDao vouchers = new VoucherDao(pg.db());
      for (List<String> replaces : List.of(List.of("ABCDEFGHI"), List.of("OK", "TOOLONGXX"))) {
        Voucher row = new Voucher("A" + replaces.size(), 1, replaces);
        List<Supplier<Object>> writes = List.of(() -> vouchers.insert(row), () -> vouchers.upsert(row),
            () -> vouchers.insertAll(List.of(row)), () -> vouchers.insertAllReturning(List.of(row)),
            () -> vouchers.upsertAll(List.of(row)));
        for (Supplier<Object> write : writes) {
          DataException e = assertThrows(DataException.class, write::get, pg.url());
          assertEquals("22001", e.sqlState(), e.getMessage());
        }
      }
      assertTrue(vouchers.findByIds(List.of("A1", "A2")).isEmpty());
    }
  }
}
